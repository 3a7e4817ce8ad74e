import test from 'ava';
import type { Attribution, ConnectEvent, DnsEvent, TraceEvent } from '../../../src/events/types.js';
import { joinedLabels, networkEvidence, type NetworkEvidenceInput } from '../../../src/fakenet/network-evidence.js';
import { pcapObservations } from '../../../src/fakenet/pcap-observations.js';
import { readPcap } from '../../../src/fakenet/read-pcap.js';
import { parseSinkLog, type SinkLog } from '../../../src/fakenet/sink-log.js';
import { readFixture } from './helpers.js';

const SCRIPT: Attribution = { package: 'dynaudit-fixture-fakenet-all-traffic', via: 'lifecycle-script' };
const FALLBACK: Attribution = { package: 'the-analyzed-package', via: 'lifecycle-script' };

const sink = parseSinkLog(readFixture('all-traffic.sink.jsonl').toString('utf8'));
const tcpAt = (port: number) => sink.tcp.find((record) => record.destination.port === port)!;
const dnsAt = (index: number) => sink.dns[index]!;

function connect(address: string, port: number, protocol: 'tcp' | 'udp', timestampMs: number, pid = 32): ConnectEvent {
  return { kind: 'connect', phase: 'install', pid, timestampMs, attribution: SCRIPT, ok: true, family: 'inet', address, port, protocol };
}

function dns(name: string, timestampMs: number): DnsEvent {
  return { kind: 'dns', phase: 'install', pid: 41, timestampMs, attribution: SCRIPT, ok: true, name, type: 'A', server: '127.0.0.53' };
}

/** The events strace would give for the all-traffic fixture (times just before the sink's). */
function traced(): TraceEvent[] {
  return [
    connect('198.51.100.53', 53, 'udp', dnsAt(0).timestampMs - 2),
    connect('203.0.113.40', 9999, 'udp', dnsAt(0).timestampMs + 5),
    dns('contain.dynaudit-test.example', dnsAt(1).timestampMs - 1),
    connect('198.51.100.130', 80, 'tcp', tcpAt(80).timestampMs - 1),
    dns('contain-tls.dynaudit-test.example', dnsAt(2).timestampMs - 1),
    connect('198.51.100.131', 443, 'tcp', tcpAt(443).timestampMs - 1),
    connect('198.51.100.60', 8443, 'tcp', tcpAt(8443).timestampMs - 1),
  ];
}

async function input(events: TraceEvent[], log: SinkLog = sink): Promise<NetworkEvidenceInput> {
  const start = Math.min(...log.dns.map((record) => record.timestampMs)) - 1000;
  return {
    events,
    sink: log,
    pcap: pcapObservations(await readPcap(readFixture('all-traffic.pcap'))),
    phases: [
      { name: 'install', startMs: start, endMs: start + 60_000 },
      { name: 'import', startMs: start + 60_001, endMs: start + 70_000 },
    ],
    fallbackAttribution: () => FALLBACK,
  };
}

test('traced connections get the name they were looked up by and the bytes the fake internet received', async (t) => {
  const { events } = networkEvidence(await input(traced()));
  const http = events.find((event): event is ConnectEvent => event.kind === 'connect' && event.port === 80);
  t.like(http, { pid: 32, attribution: SCRIPT, hostname: 'contain.dynaudit-test.example' });
  t.is(http?.received?.bytes, 84);
  t.true(http?.received?.firstBytes.startsWith('GET /probe HTTP/1.1\\r\\nHost: contain.dynaudit-test.example'));
  const raw = events.find((event): event is ConnectEvent => event.kind === 'connect' && event.port === 8443);
  t.deepEqual(raw?.received, { bytes: 18, firstBytes: 'DYNAUDIT-TCP-PROBE' });
});

test('an HTTP request and a TLS ClientHello become events of the process that connected', async (t) => {
  const { events } = networkEvidence(await input(traced()));
  t.like(events.find((event) => event.kind === 'http'), { pid: 32, method: 'GET', host: 'contain.dynaudit-test.example', path: '/probe', port: 80, hostname: 'contain.dynaudit-test.example' });
  t.like(events.find((event) => event.kind === 'tls'), { pid: 32, sni: 'contain-tls.dynaudit-test.example', address: '198.51.100.131' });
});

test('UDP datagrams from the pcap fill in the bytes of the traced send', async (t) => {
  const { events } = networkEvidence(await input(traced()));
  t.deepEqual(events.find((event): event is ConnectEvent => event.kind === 'connect' && event.port === 9999)?.received, { bytes: 18, firstBytes: 'DYNAUDIT-UDP-PROBE' });
});

test('traced DNS queries get their answer; a query the trace missed becomes an event of the analyzed package', async (t) => {
  const { events } = networkEvidence(await input(traced()));
  t.is(events.find((event): event is DnsEvent => event.kind === 'dns' && event.name === 'contain.dynaudit-test.example')?.answer, '198.51.100.130');
  t.like(events.find((event) => event.kind === 'dns' && event.name === 'direct.dynaudit-test.example'), {
    pid: 0,
    phase: 'install',
    attribution: FALLBACK,
    answer: '198.51.100.129',
  });
});

test('a connection the sink accepted without a traced connect becomes a connect of its own', async (t) => {
  const events = traced().filter((event) => !(event.kind === 'connect' && event.port === 8443));
  const result = networkEvidence(await input(events));
  t.like(result.events.find((event) => event.kind === 'connect' && event.port === 8443), { pid: 0, attribution: FALLBACK, address: '198.51.100.60', protocol: 'tcp' });
});

test('every piece of what was sent is a traffic sample tied to its event', async (t) => {
  const { samples } = networkEvidence(await input(traced()));
  const where = samples.map((sample) => `${sample.channel}: ${sample.location} -> ${sample.destination}`);
  t.true(where.includes('http: HTTP GET body -> contain.dynaudit-test.example (198.51.100.130:80)'));
  t.true(where.includes('tls: TLS server name -> contain-tls.dynaudit-test.example (198.51.100.131:443)'));
  t.true(where.includes('tcp: TCP stream -> 198.51.100.60:8443'));
  t.true(where.includes('udp: UDP datagram -> 203.0.113.40:9999'));
  const dnsSample = samples.find((sample) => sample.channel === 'dns' && sample.destination.includes('contain.dynaudit'));
  t.true(dnsSample?.caseInsensitive);
  t.is(Buffer.from(dnsSample!.data).toString(), 'containdynaudit-testexample');
});

test('without the fake internet, DNS names from the trace are still samples', (t) => {
  const { events, samples } = networkEvidence({ events: [dns('a.example', 1)], sink: { dns: [], tcp: [], dropped: 0, invalidLines: 0 }, pcap: null, phases: [], fallbackAttribution: () => FALLBACK });
  t.is(events.length, 1);
  t.deepEqual(samples.map((sample) => sample.channel), ['dns']);
});

test('joined labels undo the escapes of names and drop the dots', (t) => {
  t.is(joinedLabels('ab\\043c.d\\046e.example.').toString('latin1'), 'ab+cd.eexample');
});
