/**
 * Finds honeytokens in bytes that left the sandbox (pure): a whole token, or
 * a part of at least MIN_MATCH characters of one, in any decoded view of the
 * bytes. Parts are found through an index of every MIN_MATCH-long slice of
 * every token, then extended as far as they go.
 */
import { decodeAll } from './decoded-views.js';
import type { Honeytoken } from './create-honeytokens.js';

export const MIN_MATCH = 16;

export interface TokenMatch {
  readonly token: Honeytoken;
  readonly encoding: string;
  readonly matchedChars: number;
}

type GramIndex = Map<string, { readonly token: number; readonly offset: number }[]>;

export class TokenFinder {
  private readonly exact: GramIndex;
  private readonly folded: GramIndex;

  constructor(private readonly tokens: readonly Honeytoken[]) {
    this.exact = buildIndex(tokens.map((token) => token.value));
    this.folded = buildIndex(tokens.map((token) => token.value.toLowerCase()));
  }

  /**
   * Tokens found in `data`, best match per token (longest, then the simplest
   * encoding). `caseInsensitive` (DNS names) compares case-folded text.
   */
  find(data: Uint8Array, options: { caseInsensitive?: boolean } = {}): TokenMatch[] {
    return this.search(data, options).matches;
  }

  /** Like find; `incomplete` when decoding stopped at its budget (what was left undecoded was not searched). */
  search(data: Uint8Array, options: { caseInsensitive?: boolean } = {}): { matches: TokenMatch[]; incomplete: boolean } {
    const best = new Map<number, { encoding: string; matchedChars: number }>();
    const { views, incomplete } = decodeAll(data);
    for (const view of views) {
      const fold = options.caseInsensitive === true;
      const text = fold ? view.text.toLowerCase() : view.text;
      const values = this.tokens.map((token) => (fold ? token.value.toLowerCase() : token.value));
      for (const [token, matchedChars] of scan(text, fold ? this.folded : this.exact, values)) {
        const previous = best.get(token);
        if (!previous || matchedChars > previous.matchedChars) best.set(token, { encoding: view.encoding, matchedChars });
      }
    }
    return { matches: [...best.entries()].map(([token, match]) => ({ token: this.tokens[token]!, ...match })), incomplete };
  }
}

function buildIndex(values: readonly string[]): GramIndex {
  const index: GramIndex = new Map();
  values.forEach((value, token) => {
    for (let offset = 0; offset + MIN_MATCH <= value.length; offset++) {
      const gram = value.slice(offset, offset + MIN_MATCH);
      const entries = index.get(gram) ?? [];
      entries.push({ token, offset });
      index.set(gram, entries);
    }
  });
  return index;
}

/** Longest match length per token index found in `text`. */
function scan(text: string, index: GramIndex, values: readonly string[]): Map<number, number> {
  const found = new Map<number, number>();
  for (let i = 0; i + MIN_MATCH <= text.length; i++) {
    const entries = index.get(text.slice(i, i + MIN_MATCH));
    if (!entries) continue;
    for (const { token, offset } of entries) {
      const value = values[token]!;
      let length = MIN_MATCH;
      while (offset + length < value.length && text[i + length] === value[offset + length]) length++;
      if (length > (found.get(token) ?? 0)) found.set(token, length);
    }
  }
  return found;
}
