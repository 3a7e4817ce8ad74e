import test from 'ava';
import { crossCheck } from '../../../src/fakenet/cross-check.js';
import { pcapObservations, type PcapObservations } from '../../../src/fakenet/pcap-observations.js';
import { readPcap } from '../../../src/fakenet/read-pcap.js';
import { parseSinkLog, type SinkLog } from '../../../src/fakenet/sink-log.js';
import { readFixture } from './helpers.js';

const SINK = '127.0.0.1:10080';
const DNS = '127.0.0.53:53';

async function records(): Promise<{ sink: SinkLog; pcap: PcapObservations }> {
  return {
    sink: parseSinkLog(readFixture('all-traffic.sink.jsonl').toString('utf8')),
    pcap: pcapObservations(await readPcap(readFixture('all-traffic.pcap'))),
  };
}

test("a run's sink log and pcap agree", async (t) => {
  const { sink, pcap } = await records();
  t.like(crossCheck(sink, pcap, SINK, DNS), { consistent: true, sinkConnections: 3, pcapConnections: 3, sinkDnsQueries: 3, pcapDnsQueries: 3 });
});

test('a connection only in the pcap, or sent elsewhere than the sink says, is a problem', async (t) => {
  const { sink, pcap } = await records();
  const [first, second, ...rest] = sink.tcp;
  const lying = { ...sink, tcp: [{ ...second!, destination: { address: '203.0.113.99', port: 443 } }, ...rest] };
  const check = crossCheck(lying, pcap, SINK, DNS);
  t.false(check.consistent);
  t.true(check.problems.some((problem) => problem.includes(`${first!.client}`) && problem.includes('not in the sink log')));
  t.true(check.problems.some((problem) => problem.includes('the sink saw 203.0.113.99:443, the pcap 198.51.100.131:443')));
});

test('a DNS query the pcap shows but the sink did not log is a problem, and so is a full log', async (t) => {
  const { sink, pcap } = await records();
  const check = crossCheck({ ...sink, dns: sink.dns.slice(1), dropped: 2 }, pcap, SINK, DNS);
  t.true(check.problems.some((problem) => problem.startsWith('DNS query A direct.dynaudit-test.example')));
  t.true(check.problems.some((problem) => problem.includes('2 record(s) dropped')));
});
