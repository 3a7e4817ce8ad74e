import test from 'ava';
import { parseSinkLog } from '../../../src/fakenet/sink-log.js';
import { readFixture } from './helpers.js';

test("the sink's log of a run gives its DNS queries and TCP connections", (t) => {
  const log = parseSinkLog(readFixture('all-traffic.sink.jsonl').toString('utf8'));
  t.is(log.invalidLines, 0);
  t.deepEqual(log.dns.map((record) => [record.transport, record.answer]), [
    ['udp', '198.51.100.129'],
    ['udp', '198.51.100.130'],
    ['udp', '198.51.100.131'],
  ]);
  t.deepEqual(log.tcp.map((record) => [record.destination, record.bytes, record.reply]), [
    [{ address: '198.51.100.130', port: 80 }, 84, 'http-200'],
    [{ address: '198.51.100.131', port: 443 }, 1610, 'tls-alert'],
    [{ address: '198.51.100.60', port: 8443 }, 18, 'none'],
  ]);
  t.is(log.tcp[2]?.data.toString(), 'DYNAUDIT-TCP-PROBE');
});

test('lines that are not JSON or miss a field are counted and skipped', (t) => {
  const good = JSON.stringify({ type: 'tcp', ts: 1, endTs: 2, client: '10.1.0.4:1', dst: '203.0.113.5:80', bytes: 0, data: '' });
  const lines = [
    good,
    'not json',
    '[]',
    JSON.stringify({ type: 'tcp', ts: 1, endTs: 2, client: '10.1.0.4:1', dst: 'nowhere', bytes: 0, data: '' }),
    JSON.stringify({ type: 'dns', ts: 1, transport: 'quic', client: 'c', query: '', answer: null }),
    JSON.stringify({ type: 'dns', ts: 1, transport: 'udp', client: 'c', query: '', answer: '../etc' }),
    JSON.stringify({ type: 'other' }),
  ];
  const log = parseSinkLog(lines.join('\n'));
  t.is(log.tcp.length, 1);
  t.is(log.dns.length, 0);
  t.is(log.invalidLines, 6);
});

test("the sink's note of records it dropped when its log was full is summed", (t) => {
  const log = parseSinkLog(`${JSON.stringify({ type: 'dropped', ts: 1, records: 3 })}\n${JSON.stringify({ type: 'dropped', ts: 2, records: 2 })}\n`);
  t.is(log.dropped, 5);
});
