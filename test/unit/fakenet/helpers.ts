/** Builders of packets and pcap files for the fakenet parser tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixtureFile = (name: string): string => fileURLToPath(new URL(`../../fixtures/fakenet/${name}`, import.meta.url));
export const readFixture = (name: string): Buffer => readFileSync(fixtureFile(name));

const octets = (address: string): number[] => address.split('.').map(Number);

export function ipv4(src: string, dst: string, protocol: number, segment: Buffer): Buffer {
  const header = Buffer.alloc(20);
  header[0] = 0x45;
  header.writeUInt16BE(20 + segment.length, 2);
  header[8] = 64;
  header[9] = protocol;
  Buffer.from(octets(src)).copy(header, 12);
  Buffer.from(octets(dst)).copy(header, 16);
  return Buffer.concat([header, segment]);
}

export function udp(srcPort: number, dstPort: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16BE(srcPort, 0);
  header.writeUInt16BE(dstPort, 2);
  header.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([header, payload]);
}

export function tcp(srcPort: number, dstPort: number, flags: { syn?: boolean; ack?: boolean; fin?: boolean }, seq: number, payload = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(srcPort, 0);
  header.writeUInt16BE(dstPort, 2);
  header.writeUInt32BE(seq >>> 0, 4);
  header[12] = 5 << 4;
  header[13] = (flags.fin ? 0x01 : 0) | (flags.syn ? 0x02 : 0) | (flags.ack ? 0x10 : 0);
  return Buffer.concat([header, payload]);
}

/** A Linux cooked v2 frame around an IPv4 packet (interface 1, packet type `packetType`). */
export function sll2(packet: Buffer, packetType = 0): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(0x0800, 0);
  header.writeUInt32BE(1, 4);
  header.writeUInt16BE(772, 8);
  header[10] = packetType;
  return Buffer.concat([header, packet]);
}

/** A libpcap file (microsecond timestamps, little-endian) of frames with their times in ms. */
export function pcapFile(linkType: number, frames: readonly { ms: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(linkType, 20);
  const records = frames.map(({ ms, data }) => {
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(ms / 1000), 0);
    record.writeUInt32LE(Math.round((ms % 1000) * 1000), 4);
    record.writeUInt32LE(data.length, 8);
    record.writeUInt32LE(data.length, 12);
    return Buffer.concat([record, data]);
  });
  return Buffer.concat([header, ...records]);
}

/** A DNS query message for `name` (type A unless given). */
export function dnsQuery(id: number, name: string, type = 1): Buffer {
  const labels = name.split('.').map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')]));
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(type, 0);
  tail.writeUInt16BE(1, 2);
  const header = Buffer.from([id >> 8, id & 0xff, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, ...labels, Buffer.from([0]), tail]);
}

/** The response the sink gives: the question echoed, one A record pointing back at it. */
export function dnsAnswer(query: Buffer, address: string): Buffer {
  const reply = Buffer.from(query);
  reply[2] = 0x81;
  reply[3] = 0x80;
  reply.writeUInt16BE(1, 6);
  const record = Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 1, 0x2c, 0, 4, ...octets(address)]);
  return Buffer.concat([reply, record]);
}
