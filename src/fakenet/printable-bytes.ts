/** Bytes as text a report can show safely (pure): printable ASCII kept, the rest escaped. */

const NAMED: Readonly<Record<number, string>> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x5c: '\\\\' };

/** At most `maxBytes` of `bytes`, escaped; `…` marks a cut. */
export function printableBytes(bytes: Uint8Array, maxBytes = 256): string {
  let text = '';
  const shown = bytes.subarray(0, maxBytes);
  for (const byte of shown) {
    const named = NAMED[byte];
    if (named !== undefined) text += named;
    else if (byte >= 0x20 && byte < 0x7f) text += String.fromCharCode(byte);
    else text += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return bytes.length > maxBytes ? `${text}…` : text;
}
