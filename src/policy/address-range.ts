/** Whether an address falls in a list of CIDR ranges or exact addresses (pure). */
import { isIP, isIPv4 } from 'node:net';

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function inRange(address: string, range: string): boolean {
  const [base, bitsText] = range.split('/');
  if (base === undefined) return false;
  if (bitsText === undefined) return address.toLowerCase() === base.toLowerCase();
  if (!isIPv4(address) || !isIPv4(base)) return false;
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  return Math.floor(ipv4ToNumber(address) / size) === Math.floor(ipv4ToNumber(base) / size);
}

export function addressInAny(address: string, ranges: readonly string[]): boolean {
  const plain = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  return ranges.some((range) => inRange(plain, range));
}

/** Whether a policy's address entry is an IP address or an IPv4 CIDR range (IPv6 only as exact addresses). */
export function isValidRange(range: string): boolean {
  const [base, bitsText, ...rest] = range.split('/');
  if (base === undefined || rest.length > 0) return false;
  if (bitsText === undefined) return isIP(base) !== 0;
  return isIPv4(base) && /^\d+$/.test(bitsText) && Number(bitsText) <= 32;
}
