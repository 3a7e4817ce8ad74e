/**
 * The ways a secret may be written in traffic, undone (pure): from the
 * bytes a process sent, the texts to search for a token in, each labelled
 * with the encoding that was undone: raw, url, base64, base64url,
 * url+base64 (base64 whose `+ / =` were percent-encoded), hex or base32,
 * and compressed streams (gzip, zlib/deflate, raw deflate, brotli) found in
 * any of those, whose content is decoded the same way again
 * (`base64+gzip+hex`). Each encoded run is labelled by what it contains, and
 * decoded at every alignment, so a fragment of an encoded message still
 * decodes. Work is bounded by a budget; a view the budget cut short makes the
 * result `incomplete` (never a silent miss).
 */
import { decompressions } from './decompress.js';

export interface DecodedView {
  readonly encoding: string;
  readonly text: string;
}

export interface DecodedViews {
  readonly views: DecodedView[];
  /** Something was not decoded (or not decompressed) because the budget ran out. */
  readonly incomplete: boolean;
}

/** Characters of views made from one input (and bytes unpacked from it), beyond which decoding stops. */
const VIEW_BUDGET_CHARS = 128 * 1024 * 1024;
const BASE64_RUN = /(?:[A-Za-z0-9+/_-]|%2[BbFf]|%3[Dd])+/g;
const MIN_BASE64_RUN = 20;
const HEX_RUN = /[0-9A-Fa-f]{32,}/g;
const BASE32_RUN = /[A-Za-z2-7]{26,}/g;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** What is left to spend on one input's views. */
export class Budget {
  incomplete = false;
  constructor(private left = VIEW_BUDGET_CHARS) {}

  /** Takes `chars`; false (and incomplete) when they are not there. */
  take(chars: number): boolean {
    if (chars > this.left) {
      this.incomplete = true;
      return false;
    }
    this.left -= chars;
    return true;
  }

  get remaining(): number {
    return this.left;
  }
}

function decodeBase32(text: string): Buffer {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of text.toUpperCase()) {
    value = ((value << 5) | BASE32.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function percentDecode(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** `run` decoded from each of `alignments` starting offsets, as latin-1 text. */
function atEveryAlignment(run: string, alignments: number, decode: (text: string) => Buffer): string[] {
  const parts: string[] = [];
  for (let offset = 0; offset < alignments && offset < run.length; offset++) parts.push(decode(run.slice(offset)).toString('latin1'));
  return parts;
}

/** Base64 runs, each labelled base64, base64url or url+base64 by what it contains. */
function base64Parts(raw: string, add: (encoding: string, parts: string[]) => void): void {
  for (const [match] of raw.matchAll(BASE64_RUN)) {
    const run = percentDecode(match).replace(/=+$/, '');
    if (run.length < MIN_BASE64_RUN) continue;
    const alphabet = /[-_]/.test(run) ? 'base64url' : 'base64';
    const encoding = run.length === match.replace(/=+$/, '').length ? alphabet : `url+${alphabet}`;
    add(encoding, atEveryAlignment(run, 4, (text) => Buffer.from(text, alphabet === 'base64url' ? 'base64url' : 'base64')));
  }
}

/** The text encodings of `data` undone (raw first). */
function textViews(data: Uint8Array, budget: Budget): DecodedView[] {
  const raw = Buffer.from(data).toString('latin1');
  const groups = new Map<string, string[]>();
  const add = (encoding: string, parts: string[]): void => {
    for (const part of parts) {
      if (part === '' || !budget.take(part.length)) continue;
      const list = groups.get(encoding) ?? [];
      list.push(part);
      groups.set(encoding, list);
    }
  };
  if (/%[0-9A-Fa-f]{2}/.test(raw)) add('url', [percentDecode(raw)]);
  base64Parts(raw, add);
  for (const [match] of raw.matchAll(HEX_RUN)) add('hex', atEveryAlignment(match, 2, (text) => Buffer.from(text.slice(0, text.length - (text.length % 2)), 'hex')));
  for (const [match] of raw.matchAll(BASE32_RUN)) add('base32', atEveryAlignment(match, 8, decodeBase32));
  return [{ encoding: 'raw', text: raw }, ...[...groups.entries()].flatMap(([encoding, parts]) => parts.map((text) => ({ encoding, text })))];
}

const chain = (...encodings: string[]): string => encodings.filter((encoding) => encoding !== 'raw').join('+') || 'raw';

export function decodedViews(data: Uint8Array): DecodedView[] {
  return decodeAll(data).views;
}

/** Every view of `data`: its text encodings undone, and the streams compressed in any of them, unpacked and undone again. */
export function decodeAll(data: Uint8Array): DecodedViews {
  const budget = new Budget();
  budget.take(data.length);
  const first = textViews(data, budget);
  const views = [...first];
  for (const view of first) {
    for (const unpacked of decompressions(Buffer.from(view.text, 'latin1'), budget)) {
      for (const inner of textViews(unpacked.bytes, budget)) views.push({ encoding: chain(view.encoding, unpacked.format, inner.encoding), text: inner.text });
    }
  }
  return { views, incomplete: budget.incomplete };
}
