/**
 * Compressed streams inside bytes, unpacked (pure): gzip and zlib streams
 * wherever their headers occur (a body, or bytes decoded from base64 or hex),
 * and the whole input as raw deflate and as brotli (neither has a header).
 * A stream cut short yields what it holds so far. Each stream may unpack to
 * at most what is left of the budget; one that holds more marks it spent.
 */
import zlib from 'node:zlib';
import type { Budget } from './decoded-views.js';

export interface Unpacked {
  readonly format: 'gzip' | 'deflate' | 'brotli';
  readonly bytes: Buffer;
}

/** Smallest stream worth trying, and most header candidates tried in one input. */
const MIN_STREAM = 8;
const MAX_CANDIDATES = 4096;

const isZlibHeader = (data: Buffer, at: number): boolean =>
  data[at] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(data[at + 1] ?? -1) && ((0x78 << 8) | data[at + 1]!) % 31 === 0;
const isGzipHeader = (data: Buffer, at: number): boolean => data[at] === 0x1f && data[at + 1] === 0x8b && data[at + 2] === 0x08;

function unpack(format: Unpacked['format'], input: Buffer, budget: Budget): Buffer | null {
  const maxOutputLength = Math.max(1, Math.min(budget.remaining, 0x7fffffff));
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength };
  try {
    const bytes =
      format === 'gzip'
        ? zlib.gunzipSync(input, flush)
        : format === 'brotli'
          ? zlib.brotliDecompressSync(input, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH, maxOutputLength })
          : input[0] === 0x78
            ? zlib.inflateSync(input, flush)
            : zlib.inflateRawSync(input, flush);
    return bytes.length > 0 && budget.take(bytes.length) ? bytes : null;
  } catch (error) {
    // Output beyond the budget is the only failure that hides content; malformed streams are common and mean nothing.
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') budget.take(Number.MAX_SAFE_INTEGER);
    return null;
  }
}

export function decompressions(data: Buffer, budget: Budget): Unpacked[] {
  if (data.length < MIN_STREAM) return [];
  const out: Unpacked[] = [];
  let candidates = 0;
  for (let at = 0; at + MIN_STREAM <= data.length && candidates < MAX_CANDIDATES; at++) {
    const format = isGzipHeader(data, at) ? 'gzip' : isZlibHeader(data, at) ? 'deflate' : null;
    if (format === null) continue;
    candidates += 1;
    const bytes = unpack(format, data.subarray(at), budget);
    if (bytes) out.push({ format, bytes });
  }
  if (candidates >= MAX_CANDIDATES) budget.take(Number.MAX_SAFE_INTEGER);
  for (const format of ['deflate', 'brotli'] as const) {
    if (format === 'deflate' && data[0] === 0x78) continue;
    const bytes = unpack(format, data, budget);
    if (bytes) out.push({ format, bytes });
  }
  return out;
}
