import test from 'ava';
import { decodeDnsMessage } from '../../../src/fakenet/dns-message.js';
import { decodeDnsQuestion } from '../../../src/trace/index.js';
import { dnsAnswer, dnsQuery } from './helpers.js';

test('a query gives its id, name and type and no answers', (t) => {
  t.deepEqual(decodeDnsMessage(dnsQuery(0x1234, 'stage2.example')), { id: 0x1234, response: false, name: 'stage2.example', type: 'A', answers: [] });
});

test('a response gives the addresses of its A records, following the name pointer', (t) => {
  const message = decodeDnsMessage(dnsAnswer(dnsQuery(7, 'c.example'), '198.51.100.129'));
  t.like(message, { response: true, name: 'c.example', type: 'A' });
  t.deepEqual(message?.answers, ['198.51.100.129']);
});

test('an AAAA answer is written in the shortened IPv6 form', (t) => {
  const reply = Buffer.from(dnsQuery(9, 'v6.example', 28));
  reply[2] = 0x81;
  reply.writeUInt16BE(1, 6);
  const address = Buffer.from([0x20, 0x01, 0x0d, 0xb8, ...Array<number>(11).fill(0), 1]);
  const record = Buffer.concat([Buffer.from([0xc0, 0x0c, 0, 28, 0, 1, 0, 0, 0, 60, 0, 16]), address]);
  t.deepEqual(decodeDnsMessage(Buffer.concat([reply, record]))?.answers, ['2001:db8::1']);
});

test('DNS over TCP is read after its two-byte length', (t) => {
  const query = dnsQuery(3, 'tcp.example', 16);
  const framed = Buffer.concat([Buffer.from([0, query.length]), query]);
  t.like(decodeDnsMessage(framed, { tcp: true }), { name: 'tcp.example', type: 'TXT' });
});

test('names are written exactly as the strace decoder writes them, escapes included', (t) => {
  for (const name of ['a.example', 'x+y/z.example', 'UPPER.Case.example', 'under_score-dash.example']) {
    const query = dnsQuery(1, name);
    t.is(decodeDnsMessage(query)?.name, decodeDnsQuestion(query)?.name, name);
  }
});

test('short messages, opcodes other than a query and looping pointers are not DNS messages', (t) => {
  t.is(decodeDnsMessage(Buffer.from('no')), null);
  const notify = dnsQuery(1, 'n.example');
  notify[2] = 0x20;
  t.is(decodeDnsMessage(notify), null);
  const loop = Buffer.from([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
  t.is(decodeDnsMessage(loop), null);
});
