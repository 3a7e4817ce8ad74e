/**
 * One captured frame to addresses, ports and payload (pure). Link types:
 * Linux cooked v2 (tcpdump `-i any`), Linux cooked v1, Ethernet, raw IP.
 * Anything else, or a frame too short to read, is null.
 */
import { ipv6Text } from './ip-text.js';

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_LINUX_SLL2 = 276;

type Transport =
  | {
      readonly protocol: 'tcp';
      readonly srcPort: number;
      readonly dstPort: number;
      readonly seq: number;
      readonly syn: boolean;
      readonly ack: boolean;
      readonly fin: boolean;
      readonly rst: boolean;
      readonly payload: Buffer;
    }
  | { readonly protocol: 'udp'; readonly srcPort: number; readonly dstPort: number; readonly payload: Buffer }
  | { readonly protocol: 'other'; readonly number: number };

export interface DecodedPacket {
  /** Interface index (cooked v2 only). */
  readonly ifindex: number | null;
  /** Linux packet type: 0 to us, 4 sent by us; null when the link type does not say. */
  readonly packetType: number | null;
  readonly family: 4 | 6;
  readonly src: string;
  readonly dst: string;
  readonly transport: Transport;
}

interface Network {
  readonly etherType: number;
  readonly offset: number;
  readonly ifindex: number | null;
  readonly packetType: number | null;
}

function linkLayer(linkType: number, frame: Buffer): Network | null {
  switch (linkType) {
    case LINKTYPE_LINUX_SLL2:
      return frame.length < 20 ? null : { etherType: frame.readUInt16BE(0), offset: 20, ifindex: frame.readUInt32BE(4), packetType: frame[10]! };
    case LINKTYPE_LINUX_SLL:
      return frame.length < 16 ? null : { etherType: frame.readUInt16BE(14), offset: 16, ifindex: null, packetType: frame.readUInt16BE(0) };
    case LINKTYPE_ETHERNET: {
      if (frame.length < 14) return null;
      const vlan = frame.readUInt16BE(12) === 0x8100 && frame.length >= 18;
      return { etherType: frame.readUInt16BE(vlan ? 16 : 12), offset: vlan ? 18 : 14, ifindex: null, packetType: null };
    }
    case LINKTYPE_RAW: {
      const version = (frame[0] ?? 0) >> 4;
      return { etherType: version === 6 ? 0x86dd : 0x0800, offset: 0, ifindex: null, packetType: null };
    }
    default:
      return null;
  }
}

function transport(protocol: number, segment: Buffer): Transport | null {
  if (protocol === 6) {
    if (segment.length < 20) return null;
    const dataOffset = (segment[12]! >> 4) * 4;
    const flags = segment[13]!;
    return {
      protocol: 'tcp',
      srcPort: segment.readUInt16BE(0),
      dstPort: segment.readUInt16BE(2),
      seq: segment.readUInt32BE(4),
      syn: (flags & 0x02) !== 0,
      ack: (flags & 0x10) !== 0,
      fin: (flags & 0x01) !== 0,
      rst: (flags & 0x04) !== 0,
      payload: segment.subarray(Math.min(dataOffset, segment.length)),
    };
  }
  if (protocol === 17) {
    if (segment.length < 8) return null;
    const length = segment.readUInt16BE(4);
    return { protocol: 'udp', srcPort: segment.readUInt16BE(0), dstPort: segment.readUInt16BE(2), payload: segment.subarray(8, Math.max(8, length)) };
  }
  return { protocol: 'other', number: protocol };
}

export function decodePacket(linkType: number, frame: Buffer): DecodedPacket | null {
  const link = linkLayer(linkType, frame);
  if (!link) return null;
  const ip = frame.subarray(link.offset);
  const base = { ifindex: link.ifindex, packetType: link.packetType };
  if (link.etherType === 0x0800) {
    if (ip.length < 20 || ip[0]! >> 4 !== 4) return null;
    const headerLength = (ip[0]! & 0x0f) * 4;
    const total = Math.min(ip.readUInt16BE(2), ip.length);
    const layer4 = transport(ip[9]!, ip.subarray(headerLength, total));
    if (!layer4) return null;
    return { ...base, family: 4, src: [...ip.subarray(12, 16)].join('.'), dst: [...ip.subarray(16, 20)].join('.'), transport: layer4 };
  }
  if (link.etherType === 0x86dd) {
    if (ip.length < 40 || ip[0]! >> 4 !== 6) return null;
    const layer4 = transport(ip[6]!, ip.subarray(40, Math.min(40 + ip.readUInt16BE(4), ip.length)));
    if (!layer4) return null;
    return { ...base, family: 6, src: ipv6Text(ip.subarray(8, 24)), dst: ipv6Text(ip.subarray(24, 40)), transport: layer4 };
  }
  return null;
}
