/**
 * A minimal decoder for the question of a DNS query message (RFC 1035 4.1),
 * enough to name what a traced process asked its resolver.
 */

import { dnsLabelText, dnsTypeName } from '../common/dns-wire.js';

export interface DnsQuestion {
  /** Dotted name; bytes outside `[A-Za-z0-9_-]` are escaped as `\DDD` (dig style). */
  readonly name: string;
  /** A, AAAA, TXT, ... or TYPEnnn; null when the message was cut before the type. */
  readonly type: string | null;
}

const HEADER_LENGTH = 12;
const MAX_NAME_LENGTH = 1024;

/**
 * Decodes the first question of a DNS query in `message`. With `tcp`, the
 * message may start with the two-byte length prefix of DNS over TCP.
 * Returns null for anything that is not a query (responses, garbage).
 */
export function decodeDnsQuestion(message: Uint8Array, options: { tcp?: boolean } = {}): DnsQuestion | null {
  const plain = decodeQuery(message);
  if (plain || !options.tcp || message.length < 2) return plain;
  const length = (message[0]! << 8) | message[1]!;
  return length === message.length - 2 ? decodeQuery(message.subarray(2)) : null;
}

function decodeQuery(message: Uint8Array): DnsQuestion | null {
  if (message.length < HEADER_LENGTH + 1) return null;
  const flags = message[2]!;
  const isResponse = (flags & 0x80) !== 0;
  const opcode = (flags >> 3) & 0x0f;
  const questions = (message[4]! << 8) | message[5]!;
  if (isResponse || opcode !== 0 || questions < 1) return null;

  const labels: string[] = [];
  let offset = HEADER_LENGTH;
  let nameLength = 0;
  for (;;) {
    const length = message[offset];
    if (length === undefined) return null;
    offset++;
    if (length === 0) break;
    if ((length & 0xc0) !== 0) return null; // no compression pointers in a question
    if (offset + length > message.length) return null;
    nameLength += length + 1;
    if (nameLength > MAX_NAME_LENGTH) return null;
    labels.push(dnsLabelText(message.subarray(offset, offset + length)));
    offset += length;
  }
  const name = labels.length === 0 ? '.' : labels.join('.');
  const type = offset + 2 <= message.length ? dnsTypeName((message[offset]! << 8) | message[offset + 1]!) : null;
  return { name, type };
}
