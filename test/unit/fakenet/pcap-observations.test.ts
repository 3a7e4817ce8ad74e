import test from 'ava';
import { LINKTYPE_LINUX_SLL2 } from '../../../src/fakenet/decode-packet.js';
import { pcapObservations } from '../../../src/fakenet/pcap-observations.js';
import { readPcap } from '../../../src/fakenet/read-pcap.js';
import { dnsAnswer, dnsQuery, ipv4, pcapFile, readFixture, sll2, tcp, udp } from './helpers.js';

test("a redirected connection's original destination is read from the SYN-ACK, and the client's bytes are joined", async (t) => {
  const observations = pcapObservations(await readPcap(readFixture('all-traffic.pcap')));
  t.deepEqual(
    observations.tcp.map((flow) => [flow.client, flow.synDestination, flow.answeredAs, flow.sentBytes]),
    [
      ['10.1.0.4:48040', '127.0.0.1:10080', '198.51.100.130:80', 84],
      ['10.1.0.4:45914', '127.0.0.1:10080', '198.51.100.131:443', 1610],
      ['10.1.0.4:46384', '127.0.0.1:10080', '198.51.100.60:8443', 18],
    ],
  );
  t.is(observations.tcp[2]?.sent.toString(), 'DYNAUDIT-TCP-PROBE');
  t.is(observations.undecoded, 0);
});

test('UDP other than DNS is kept as datagrams, DNS as messages with their client and server', async (t) => {
  const observations = pcapObservations(await readPcap(readFixture('all-traffic.pcap')));
  t.deepEqual(
    observations.udp.map((datagram) => [datagram.destination, datagram.payload.toString()]),
    [['203.0.113.40:9999', 'DYNAUDIT-UDP-PROBE']],
  );
  const direct = observations.dns.filter((message) => message.name === 'direct.dynaudit-test.example');
  t.deepEqual(
    direct.map((message) => [message.response, message.server, message.answers]),
    [
      [false, '127.0.0.53:53', []],
      [true, '198.51.100.53:53', ['198.51.100.129']],
    ],
  );
});

test('segments arriving out of order or twice are joined once, in sequence order', async (t) => {
  const client = (flags: { syn?: boolean; ack?: boolean }, seq: number, data?: string) =>
    sll2(ipv4('10.1.0.4', '127.0.0.1', 6, tcp(40000, 10080, flags, seq, data ? Buffer.from(data) : undefined)));
  const synAck = sll2(ipv4('203.0.113.9', '10.1.0.4', 6, tcp(80, 40000, { syn: true, ack: true }, 500)));
  const frames = [client({ syn: true }, 99), synAck, client({ ack: true }, 105, 'world'), client({ ack: true }, 100, 'hello'), client({ ack: true }, 105, 'world')];
  const capture = await readPcap(pcapFile(LINKTYPE_LINUX_SLL2, frames.map((data, i) => ({ ms: i, data }))));
  const [flow] = pcapObservations(capture).tcp;
  t.is(flow?.sent.toString(), 'helloworld');
  t.is(flow?.sentBytes, 10);
  t.is(flow?.answeredAs, '203.0.113.9:80');
});

test('a datagram seen on both ends of the veth pair counts once', async (t) => {
  const datagram = ipv4('10.1.0.4', '203.0.113.40', 17, udp(5000, 9999, Buffer.from('twice')));
  const capture = await readPcap(pcapFile(LINKTYPE_LINUX_SLL2, [
    { ms: 1000, data: sll2(datagram, 4) },
    { ms: 1000.2, data: sll2(datagram, 0) },
  ]));
  t.is(pcapObservations(capture).udp.length, 1);
});

test('bytes past the cap are counted but not kept', async (t) => {
  const query = dnsQuery(1, 'x.example');
  const frames = [
    sll2(ipv4('127.0.0.1', '127.0.0.53', 17, udp(3333, 53, query))),
    sll2(ipv4('127.0.0.53', '127.0.0.1', 17, udp(53, 3333, dnsAnswer(query, '198.51.100.129')))),
    sll2(ipv4('10.1.0.4', '127.0.0.1', 6, tcp(40001, 10080, { syn: true }, 0))),
    sll2(ipv4('10.1.0.4', '127.0.0.1', 6, tcp(40001, 10080, { ack: true }, 1, Buffer.alloc(100, 0x61)))),
  ];
  const observations = pcapObservations(await readPcap(pcapFile(LINKTYPE_LINUX_SLL2, frames.map((data, i) => ({ ms: i, data })))), { capBytes: 10 });
  t.is(observations.tcp[0]?.sent.length, 10);
  t.is(observations.tcp[0]?.sentBytes, 100);
  t.deepEqual(observations.dns.map((message) => message.answers), [[], ['198.51.100.129']]);
});
