import test from 'ava';
import { decodeCString, decodeDnsQuestion } from '../../../src/trace/index.js';

const bytes = (hexEscaped: string): Buffer => decodeCString(`"${hexEscaped}"`)!.bytes;

// glibc's AAAA query for exfil.example, as captured in network.txt.
const AAAA_QUERY = String.raw`\x30\x67\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x05\x65\x78\x66\x69\x6c\x07\x65\x78\x61\x6d\x70\x6c\x65\x00\x00\x1c\x00\x01`;

test('a query gives its name and type', (t) => {
  t.deepEqual(decodeDnsQuestion(bytes(AAAA_QUERY)), { name: 'exfil.example', type: 'AAAA' });
});

test('a TXT query from c-ares gives type TXT', (t) => {
  const query = String.raw`\x68\x51\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x08\x63\x32\x76\x6a\x63\x6d\x76\x30\x01\x74\x05\x65\x78\x66\x69\x6c\x07\x65\x78\x61\x6d\x70\x6c\x65\x00\x00\x10\x00\x01`;
  t.deepEqual(decodeDnsQuestion(bytes(query)), { name: 'c2vjcmv0.t.exfil.example', type: 'TXT' });
});

test('a DNS over TCP query is read after its length prefix', (t) => {
  const message = bytes(AAAA_QUERY);
  const framed = Buffer.concat([Buffer.from([0, message.length]), message]);
  t.is(decodeDnsQuestion(framed), null);
  t.deepEqual(decodeDnsQuestion(framed, { tcp: true }), { name: 'exfil.example', type: 'AAAA' });
});

test('label bytes outside letters, digits, hyphen and underscore are escaped', (t) => {
  const message = Buffer.from([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 0x61, 0x2e, 0xff, 0, 0x10, 0x01, 0, 1]);
  t.deepEqual(decodeDnsQuestion(message), { name: 'a\\046\\255', type: 'TYPE4097' });
});

test('a message cut before the type still gives the name', (t) => {
  t.deepEqual(decodeDnsQuestion(bytes(AAAA_QUERY).subarray(0, 27)), { name: 'exfil.example', type: null });
});

test('responses, short buffers and broken names are not queries', (t) => {
  const response = bytes(AAAA_QUERY);
  response[2] = 0x81;
  t.is(decodeDnsQuestion(response), null);
  t.is(decodeDnsQuestion(Buffer.from('ping')), null);
  t.is(decodeDnsQuestion(bytes(AAAA_QUERY).subarray(0, 20)), null);
  const pointer = Buffer.from([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
  t.is(decodeDnsQuestion(pointer), null);
});
