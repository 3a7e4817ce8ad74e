import test from 'ava';
import { parseSinkLog } from '../../../src/fakenet/sink-log.js';
import { parseClientHello } from '../../../src/fakenet/tls-client-hello.js';
import { readFixture } from './helpers.js';

function vector(bytes: number, body: Buffer): Buffer {
  const length = Buffer.alloc(bytes);
  length.writeUIntBE(body.length, 0, bytes);
  return Buffer.concat([length, body]);
}

function extension(type: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type >> 8, type & 0xff]), vector(2, body)]);
}

function clientHello(extensions: Buffer[]): Buffer {
  const hello = Buffer.concat([
    Buffer.from([0x03, 0x03]),
    Buffer.alloc(32, 7),
    vector(1, Buffer.alloc(0)),
    vector(2, Buffer.from([0x13, 0x01])),
    vector(1, Buffer.from([0])),
    vector(2, Buffer.concat(extensions)),
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01]), vector(3, hello)]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01]), vector(2, handshake)]);
}

const sni = (name: string): Buffer => extension(0, vector(2, Buffer.concat([Buffer.from([0]), vector(2, Buffer.from(name))])));
const alpn = (...names: string[]): Buffer => extension(16, vector(2, Buffer.concat(names.map((name) => vector(1, Buffer.from(name))))));

test('the server name and ALPN protocols of a ClientHello are read', (t) => {
  t.deepEqual(parseClientHello(clientHello([extension(23, Buffer.alloc(0)), sni('secure.example'), alpn('h2', 'http/1.1')])), {
    sni: 'secure.example',
    alpn: ['h2', 'http/1.1'],
  });
});

test('a ClientHello without the server_name extension has a null server name', (t) => {
  t.deepEqual(parseClientHello(clientHello([alpn('h2')])), { sni: null, alpn: ['h2'] });
});

test('a handshake split over two records is joined before reading', (t) => {
  const whole = clientHello([sni('split.example')]);
  const handshake = whole.subarray(5);
  const record = (part: Buffer): Buffer => Buffer.concat([Buffer.from([0x16, 0x03, 0x03]), vector(2, part)]);
  const split = Buffer.concat([record(handshake.subarray(0, 30)), record(handshake.subarray(30))]);
  t.is(parseClientHello(split)?.sni, 'split.example');
});

test('a capture cut inside the extensions still gives the server name before the cut', (t) => {
  const whole = clientHello([sni('early.example'), alpn('h2', 'http/1.1')]);
  t.is(parseClientHello(whole.subarray(0, whole.length - 6))?.sni, 'early.example');
});

test("Node's real ClientHello, as the sink logged it, names the server asked for", (t) => {
  const log = parseSinkLog(readFixture('all-traffic.sink.jsonl').toString('utf8'));
  const hello = log.tcp.find((connection) => connection.destination.port === 443);
  t.is(parseClientHello(hello!.data)?.sni, 'contain-tls.dynaudit-test.example');
});

test('anything that is not a TLS handshake record is not a ClientHello', (t) => {
  t.is(parseClientHello(Buffer.from('GET / HTTP/1.1\r\n\r\n')), null);
  t.is(parseClientHello(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x04, 0x02, 0, 0, 0])), null);
  t.is(parseClientHello(Buffer.from([0x16, 0x03])), null);
});
