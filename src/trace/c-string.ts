/**
 * Decoding of strace's C-style quoted strings (`-x`: printable text with
 * `\n \t \" \\` escapes, or every byte as `\xNN` when the string holds
 * anything else; `-yy` fd paths use octal escapes such as `\76` for `>`).
 */

export interface DecodedString {
  readonly bytes: Buffer;
  /** strace printed `...` after the closing quote: the value was cut at `-s`. */
  readonly truncated: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 0x0a,
  t: 0x09,
  r: 0x0d,
  f: 0x0c,
  v: 0x0b,
  a: 0x07,
  b: 0x08,
  e: 0x1b,
  '"': 0x22,
  "'": 0x27,
  '\\': 0x5c,
  '?': 0x3f,
};

const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** The bytes of one escape sequence starting at `text[i]` (a backslash), and the index just after it. */
function escapeAt(text: string, i: number): { byte: number; next: number } {
  const next = text[i + 1];
  if (next === undefined) return { byte: 0x5c, next: i + 1 };
  if (next === 'x' && isHex(text[i + 2])) {
    const digits = isHex(text[i + 3]) ? text.slice(i + 2, i + 4) : text[i + 2]!;
    return { byte: Number.parseInt(digits, 16), next: i + 2 + digits.length };
  }
  if (isOctal(next)) {
    let digits = next;
    while (digits.length < 3 && isOctal(text[i + 1 + digits.length])) digits += text[i + 1 + digits.length]!;
    return { byte: Number.parseInt(digits, 8) & 0xff, next: i + 1 + digits.length };
  }
  return { byte: SIMPLE_ESCAPES[next] ?? next.charCodeAt(0) & 0xff, next: i + 2 };
}

/** Decodes escape sequences in `text` (no surrounding quotes) into bytes; runs without escapes are copied whole. */
export function decodeEscapes(text: string): Buffer {
  const parts: Buffer[] = [];
  const bytes: number[] = [];
  let i = 0;
  while (i < text.length) {
    const slash = text.indexOf('\\', i);
    const plainEnd = slash < 0 ? text.length : slash;
    if (plainEnd > i) {
      if (bytes.length > 0) parts.push(Buffer.from(bytes.splice(0)));
      parts.push(Buffer.from(text.slice(i, plainEnd), 'utf8'));
    }
    if (slash < 0) break;
    const { byte, next } = escapeAt(text, slash);
    bytes.push(byte);
    i = next;
  }
  if (bytes.length > 0) parts.push(Buffer.from(bytes));
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * Decodes one quoted argument such as `"a\x20b"` or `"/very/long"...`.
 * Returns null when the token is not a string (NULL, a pointer, a number).
 */
export function decodeCString(token: string): DecodedString | null {
  const text = token.trim();
  if (!text.startsWith('"')) return null;
  let end = -1;
  for (let i = 1; i < text.length; ) {
    const quote = text.indexOf('"', i);
    const slash = text.indexOf('\\', i);
    if (quote < 0) break;
    if (slash >= 0 && slash < quote) {
      i = slash + 2;
      continue;
    }
    end = quote;
    break;
  }
  if (end < 0) return null;
  const rest = text.slice(end + 1);
  if (rest !== '' && rest !== '...') return null;
  return { bytes: decodeEscapes(text.slice(1, end)), truncated: rest === '...' };
}

/** Decodes a quoted argument to text (UTF-8, invalid bytes replaced); null if it is not a string. */
export function cStringText(token: string): string | null {
  const decoded = decodeCString(token);
  return decoded === null ? null : decoded.bytes.toString('utf8');
}
