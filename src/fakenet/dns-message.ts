/**
 * DNS messages as the fake internet saw them (pure): the question of a query
 * or response, and the A/AAAA answers of a response (compression pointers
 * followed). Names are written like src/trace/dns-question.ts writes them
 * (bytes outside `[A-Za-z0-9_-]` as dig-style `\DDD`) so the two compare equal.
 */
import { ipv6Text } from './ip-text.js';

export interface DnsMessage {
  readonly id: number;
  readonly response: boolean;
  readonly name: string;
  readonly type: string;
  /** Addresses of A and AAAA answers (responses only). */
  readonly answers: readonly string[];
}

const TYPES: Readonly<Record<number, string>> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 13: 'HINFO', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV', 35: 'NAPTR',
  39: 'DNAME', 41: 'OPT', 43: 'DS', 48: 'DNSKEY', 64: 'SVCB', 65: 'HTTPS', 99: 'SPF', 252: 'AXFR', 255: 'ANY', 257: 'CAA',
};
const MAX_NAME_LENGTH = 1024;
const MAX_ANSWERS = 64;

export function typeName(code: number): string {
  return TYPES[code] ?? `TYPE${code}`;
}

function labelText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    text += /[A-Za-z0-9_-]/.test(c) ? c : `\\${byte.toString().padStart(3, '0')}`;
  }
  return text;
}

/** Reads a (possibly compressed) name at `start`; returns it and the offset after it in the message. */
function readName(message: Uint8Array, start: number): { name: string; next: number } | null {
  const labels: string[] = [];
  let offset = start;
  let next: number | null = null;
  let length = 0;
  for (let hops = 0; hops < 64; hops++) {
    const size = message[offset];
    if (size === undefined) return null;
    if ((size & 0xc0) === 0xc0) {
      const low = message[offset + 1];
      if (low === undefined) return null;
      next ??= offset + 2;
      offset = ((size & 0x3f) << 8) | low;
      continue;
    }
    if (size & 0xc0) return null;
    offset += 1;
    if (size === 0) return { name: labels.length === 0 ? '.' : labels.join('.'), next: next ?? offset };
    if (offset + size > message.length) return null;
    length += size + 1;
    if (length > MAX_NAME_LENGTH) return null;
    labels.push(labelText(message.subarray(offset, offset + size)));
    offset += size;
  }
  return null;
}

function address(type: number, data: Uint8Array): string | null {
  if (type === 1 && data.length === 4) return [...data].join('.');
  if (type === 28 && data.length === 16) {
    return ipv6Text(data);
  }
  return null;
}

/** Decodes a DNS message (UDP payload, or TCP payload with `tcp` for the length prefix); null if it is not one. */
export function decodeDnsMessage(data: Uint8Array, options: { tcp?: boolean } = {}): DnsMessage | null {
  const message = options.tcp ? data.subarray(2) : data;
  if (message.length < 12) return null;
  const flags = message[2]!;
  const questions = (message[4]! << 8) | message[5]!;
  const answerCount = (message[6]! << 8) | message[7]!;
  if (((flags >> 3) & 0x0f) !== 0 || questions < 1) return null;
  const question = readName(message, 12);
  if (!question || question.next + 4 > message.length) return null;
  const type = (message[question.next]! << 8) | message[question.next + 1]!;
  const answers: string[] = [];
  let offset = question.next + 4;
  const response = (flags & 0x80) !== 0;
  for (let i = 0; response && i < Math.min(answerCount, MAX_ANSWERS); i++) {
    const owner = readName(message, offset);
    if (!owner || owner.next + 10 > message.length) break;
    const rtype = (message[owner.next]! << 8) | message[owner.next + 1]!;
    const rdlength = (message[owner.next + 8]! << 8) | message[owner.next + 9]!;
    const rdata = message.subarray(owner.next + 10, owner.next + 10 + rdlength);
    const text = address(rtype, rdata);
    if (text) answers.push(text);
    offset = owner.next + 10 + rdlength;
  }
  return { id: (message[0]! << 8) | message[1]!, response, name: question.name, type: typeName(type), answers };
}
