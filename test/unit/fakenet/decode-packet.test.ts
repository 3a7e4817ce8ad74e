import test from 'ava';
import { decodePacket, LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_RAW } from '../../../src/fakenet/decode-packet.js';
import { ipv6Text } from '../../../src/fakenet/ip-text.js';
import { ipv4, sll2, tcp, udp } from './helpers.js';

const packet = ipv4('10.1.0.4', '203.0.113.40', 17, udp(40000, 9999, Buffer.from('probe')));

test('a cooked v2 frame gives interface, packet type, addresses, ports and payload', (t) => {
  const decoded = decodePacket(LINKTYPE_LINUX_SLL2, sll2(packet, 4));
  t.like(decoded, { ifindex: 1, packetType: 4, family: 4, src: '10.1.0.4', dst: '203.0.113.40' });
  t.like(decoded?.transport, { protocol: 'udp', srcPort: 40000, dstPort: 9999 });
  t.is(decoded?.transport.protocol === 'udp' ? decoded.transport.payload.toString() : '', 'probe');
});

test('cooked v1, Ethernet and raw IP frames are read too', (t) => {
  const sll = Buffer.concat([Buffer.from([0, 4, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00]), packet]);
  t.like(decodePacket(LINKTYPE_LINUX_SLL, sll), { packetType: 4, dst: '203.0.113.40' });
  const ethernet = Buffer.concat([Buffer.alloc(12), Buffer.from([0x08, 0x00]), packet]);
  t.like(decodePacket(LINKTYPE_ETHERNET, ethernet), { src: '10.1.0.4' });
  t.like(decodePacket(LINKTYPE_RAW, packet), { dst: '203.0.113.40' });
});

test('TCP flags, sequence number and payload are read', (t) => {
  const segment = ipv4('10.1.0.4', '127.0.0.1', 6, tcp(5000, 10080, { ack: true }, 0xfffffff0, Buffer.from('GET /')));
  const decoded = decodePacket(LINKTYPE_RAW, segment)?.transport;
  t.like(decoded, { protocol: 'tcp', srcPort: 5000, dstPort: 10080, seq: 0xfffffff0, syn: false, ack: true, fin: false });
  t.is(decoded?.protocol === 'tcp' ? decoded.payload.toString() : '', 'GET /');
});

test('unknown link types, short frames and non-IP frames give null', (t) => {
  t.is(decodePacket(999, packet), null);
  t.is(decodePacket(LINKTYPE_LINUX_SLL2, Buffer.alloc(10)), null);
  t.is(decodePacket(LINKTYPE_RAW, Buffer.from([0x45, 0, 0])), null);
  const arp = Buffer.concat([Buffer.alloc(12), Buffer.from([0x08, 0x06]), Buffer.alloc(28)]);
  t.is(decodePacket(LINKTYPE_ETHERNET, arp), null);
});

test('other IP protocols are kept with their number', (t) => {
  t.deepEqual(decodePacket(LINKTYPE_RAW, ipv4('10.1.0.4', '203.0.113.1', 1, Buffer.alloc(8)))?.transport, { protocol: 'other', number: 1 });
});

test('IPv6 addresses are shortened at their longest run of zero groups', (t) => {
  t.is(ipv6Text(Buffer.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])), '2001:db8:0:1::1');
  t.is(ipv6Text(Buffer.from([...Array<number>(15).fill(0), 1])), '::1');
  t.is(ipv6Text(Buffer.from([0xfe, 0x80, 0, 1, ...Array<number>(12).fill(0)])), 'fe80:1::');
});
