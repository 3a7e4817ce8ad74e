/**
 * DNS messages as the fake internet saw them (pure): the question of a query
 * or response, and the A/AAAA answers of a response (compression pointers
 * followed). Names are written with the same helper as src/trace/dns-question.ts
 * (bytes outside `[A-Za-z0-9_-]` as dig-style `\DDD`) so the two compare equal.
 */
import { dnsLabelText, dnsTypeName } from '../common/dns-wire.js';
import { ipv6Text } from './ip-text.js';

export interface DnsMessage {
  readonly id: number;
  readonly response: boolean;
  readonly name: string;
  readonly type: string;
  /** Addresses of A and AAAA answers (responses only). */
  readonly answers: readonly string[];
}

const MAX_NAME_LENGTH = 1024;
const MAX_ANSWERS = 64;

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
    labels.push(dnsLabelText(message.subarray(offset, offset + size)));
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
  return { id: (message[0]! << 8) | message[1]!, response, name: question.name, type: dnsTypeName(type), answers };
}
