/** Pieces of the DNS wire format (RFC 1035) shared by the trace and fakenet parsers (pure). */

const TYPES: Readonly<Record<number, string>> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 13: 'HINFO', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV', 35: 'NAPTR',
  39: 'DNAME', 41: 'OPT', 43: 'DS', 48: 'DNSKEY', 64: 'SVCB', 65: 'HTTPS', 99: 'SPF', 252: 'AXFR', 255: 'ANY', 257: 'CAA',
};

/** A, AAAA, TXT, ... or TYPEnnn. */
export function dnsTypeName(code: number): string {
  return TYPES[code] ?? `TYPE${code}`;
}

/** One label as text; bytes outside `[A-Za-z0-9_-]` are escaped as `\DDD` (dig style). */
export function dnsLabelText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    text += /[A-Za-z0-9_-]/.test(c) ? c : `\\${byte.toString().padStart(3, '0')}`;
  }
  return text;
}
