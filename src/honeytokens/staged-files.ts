/**
 * Planted secrets copied into files (pure, both ends of a scan the sandbox
 * runs after the phases): the strings to look for (each token raw, hex and
 * base64 at every alignment, as slices short enough to survive line breaks
 * but long enough to be the token's alone), and the file events they mark:
 * the writes of each file found holding one, or, when the trace saw no write
 * of it, a write charged to the analyzed package.
 */
import type { Attribution, FileEvent, PhaseName, TraceEvent } from '../events/types.js';
import type { Honeytoken, HomeFile } from './create-honeytokens.js';

/** Characters of each needle: at least MIN_MATCH of a token's text, short enough for one line of a wrapped key. */
const NEEDLE_CHARS = 24;

export interface Needle {
  readonly text: string;
  readonly token: string;
}

export interface StagedHit {
  readonly path: string;
  /** The needle's text found in it. */
  readonly needle: string;
}

/** A few slices from the start of `text`, and its last one, so a file with part of a (long, wrapped) token still matches. */
function slices(text: string): string[] {
  const out: string[] = [];
  for (let offset = 0; offset + NEEDLE_CHARS <= text.length && out.length < 4; offset += NEEDLE_CHARS) out.push(text.slice(offset, offset + NEEDLE_CHARS));
  if (text.length >= NEEDLE_CHARS) out.push(text.slice(-NEEDLE_CHARS));
  return out;
}

/** What a file holding a token (raw, hex, base64 or base64url) contains, as fixed strings. */
export function stagingNeedles(tokens: readonly Honeytoken[]): Needle[] {
  const needles = new Map<string, string>();
  for (const token of tokens) {
    const bytes = Buffer.from(token.value, 'utf8');
    const forms = [token.value, bytes.toString('hex')];
    for (let skip = 0; skip < 3; skip++) {
      // Base64 of the token from each byte alignment, without the first and last characters (they mix in neighbours).
      const encoded = bytes.subarray(skip).toString('base64').replace(/=+$/, '');
      forms.push(encoded.slice(2, -2), Buffer.from(encoded, 'base64').toString('base64url').slice(2, -2));
    }
    for (const form of forms) for (const text of slices(form)) if (!needles.has(text)) needles.set(text, token.id);
  }
  return [...needles.entries()].map(([text, token]) => ({ text, token }));
}

export interface StagedContext {
  readonly needles: readonly Needle[];
  /** The bait files themselves (relative to the home) and the home: they hold tokens by design. */
  readonly baitFiles: readonly HomeFile[];
  readonly homeDir: string;
  /** Who a staged file with no traced write is charged to, and when. */
  readonly fallback: { readonly attribution: Attribution; readonly phase: PhaseName; readonly timestampMs: number };
}

export function markStagedHoneytokens(events: readonly TraceEvent[], hits: readonly StagedHit[], context: StagedContext): TraceEvent[] {
  const bait = new Set(context.baitFiles.map((file) => `${context.homeDir}/${file.path}`));
  const tokenOf = new Map(context.needles.map((needle) => [needle.text, needle.token]));
  const staged = new Map<string, string>();
  for (const hit of hits) {
    const token = tokenOf.get(hit.needle);
    if (token !== undefined && !bait.has(hit.path) && !staged.has(hit.path)) staged.set(hit.path, token);
  }
  const marked = new Set<string>();
  const out = events.map((event) => {
    if (event.kind !== 'file' || event.access !== 'write' || event.attribution.via === 'package-manager') return event;
    const path = [event.target, event.path].find((candidate) => candidate !== undefined && staged.has(candidate));
    if (path === undefined) return event;
    marked.add(path);
    return { ...event, honeytoken: { token: staged.get(path)!, how: 'staged' as const } };
  });
  for (const [path, token] of staged) {
    if (marked.has(path)) continue;
    const { attribution, phase, timestampMs } = context.fallback;
    const event: FileEvent = { kind: 'file', operation: 'open', path, access: 'write', phase, pid: 0, timestampMs, attribution, ok: true, honeytoken: { token, how: 'staged' } };
    out.push(event);
  }
  return out;
}
