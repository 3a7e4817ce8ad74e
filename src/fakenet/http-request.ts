/**
 * An HTTP/1.x request head and body from the bytes a client sent (pure).
 * Enough for evidence: method, target, headers, and the body (de-chunked
 * when sent with chunked transfer encoding). Returns null for anything that
 * does not start like a request.
 */

export interface HttpRequest {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  /** Header lines in order, names as sent. */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  /** The Host header, when sent. */
  readonly host: string | null;
  readonly body: Buffer;
  /** False when the head's blank line never came (the capture was cut or the client stopped). */
  readonly complete: boolean;
}

const REQUEST_LINE = /^([A-Z][A-Z-]{1,19}) (\S+) (HTTP\/\d(?:\.\d)?)$/;
const MAX_HEADERS = 200;

function headEnd(data: Buffer): { end: number; separator: number } | null {
  const crlf = data.indexOf('\r\n\r\n');
  const lf = data.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf + 4, separator: crlf };
  if (lf >= 0) return { end: lf + 2, separator: lf };
  return null;
}

/** Joins the chunks of a chunked body; stops at the last chunk or where the data runs out. */
export function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    const start = lineEnd + 1;
    parts.push(body.subarray(start, Math.min(start + size, body.length)));
    offset = start + size;
    if (body[offset] === 0x0d) offset += 1;
    if (body[offset] === 0x0a) offset += 1;
  }
  return Buffer.concat(parts);
}

export function parseHttpRequest(data: Buffer): HttpRequest | null {
  const firstLineEnd = data.indexOf('\n');
  const firstLine = data.subarray(0, firstLineEnd < 0 ? Math.min(data.length, 8192) : firstLineEnd).toString('latin1').replace(/\r$/, '');
  const match = REQUEST_LINE.exec(firstLine);
  if (!match) return null;
  const bounds = headEnd(data);
  const head = data.subarray(0, bounds?.separator ?? data.length).toString('latin1');
  const headers = head
    .split(/\r?\n/)
    .slice(1, MAX_HEADERS + 1)
    .map((line) => {
      const colon = line.indexOf(':');
      return colon > 0 ? { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() } : null;
    })
    .filter((header): header is { name: string; value: string } => header !== null);
  const header = (name: string): string | undefined => headers.findLast((h) => h.name.toLowerCase() === name)?.value;
  const rawBody = bounds ? data.subarray(bounds.end) : Buffer.alloc(0);
  const chunked = /\bchunked\b/i.test(header('transfer-encoding') ?? '');
  return {
    method: match[1]!,
    target: match[2]!,
    version: match[3]!,
    headers,
    host: header('host') ?? null,
    body: chunked ? dechunk(rawBody) : rawBody,
    complete: bounds !== null,
  };
}
