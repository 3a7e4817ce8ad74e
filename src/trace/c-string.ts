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

/** Decodes escape sequences in `text` (no surrounding quotes) into bytes. */
export function decodeEscapes(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\') {
      const code = c.charCodeAt(0);
      if (code < 0x80) out.push(code);
      else for (const byte of Buffer.from(c, 'utf8')) out.push(byte);
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) {
      out.push(0x5c);
      break;
    }
    if (next === 'x' && isHex(text[i + 2])) {
      let digits = text[i + 2]!;
      if (isHex(text[i + 3])) digits += text[i + 3]!;
      out.push(Number.parseInt(digits, 16));
      i += 1 + digits.length;
    } else if (isOctal(next)) {
      let digits = next;
      while (digits.length < 3 && isOctal(text[i + 1 + digits.length])) digits += text[i + 1 + digits.length]!;
      out.push(Number.parseInt(digits, 8) & 0xff);
      i += digits.length;
    } else {
      out.push(SIMPLE_ESCAPES[next] ?? next.charCodeAt(0) & 0xff);
      i += 1;
    }
  }
  return Buffer.from(out);
}

/**
 * Decodes one quoted argument such as `"a\x20b"` or `"/very/long"...`.
 * Returns null when the token is not a string (NULL, a pointer, a number).
 */
export function decodeCString(token: string): DecodedString | null {
  const text = token.trim();
  if (!text.startsWith('"')) return null;
  let end = -1;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') {
      end = i;
      break;
    }
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
