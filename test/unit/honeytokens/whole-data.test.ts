/** Whole data: padding, compression and splitting cannot hide a token; what could not be searched is said. */
import zlib from 'node:zlib';
import test from 'ava';
import type { DnsEvent, TraceEvent } from '../../../src/events/types.js';
import type { Honeytoken } from '../../../src/honeytokens/create-honeytokens.js';
import { decodeAll } from '../../../src/honeytokens/decoded-views.js';
import { detectExfiltration, type Carrier } from '../../../src/honeytokens/detect-exfiltration.js';
import { joinedCarriers } from '../../../src/honeytokens/join-carriers.js';

const TOKEN: Honeytoken = { id: 'npm-token-env', label: 'NPM_TOKEN environment variable', value: 'npm_q7Rk2mVx9LpA4sTw8ZcE1bNy6HdJ3fGuKo0i' };
const attribution = { package: 'evil', via: 'lifecycle-script' } as const;
const base = { phase: 'install' as const, pid: 42, attribution, ok: true };
const http: TraceEvent = { ...base, kind: 'connect', timestampMs: 1, family: 'inet', address: '198.51.100.129', port: 80, protocol: 'tcp' };
const body = (data: Buffer, overrides: Partial<Carrier> = {}): Carrier => ({ event: http, channel: 'http', location: 'HTTP POST body', destination: 'c.example', data, ...overrides });
const leaks = (carriers: Carrier[]) => detectExfiltration(carriers, [TOKEN]).map((event) => (event.kind === 'exfiltration' ? `${event.encoding} ${event.location}` : `${event.kind} ${event.limit}`));

test('a token after megabytes of padding is found', (t) => {
  t.deepEqual(leaks([body(Buffer.concat([Buffer.alloc(3 * 1024 * 1024, 'A'), Buffer.from(`&t=${TOKEN.value}`)]))]), ['raw HTTP POST body']);
});

test('gzip, zlib, raw deflate and brotli bodies are unpacked, also inside base64', (t) => {
  const secret = Buffer.from(JSON.stringify({ npm: TOKEN.value, pad: 'x'.repeat(100) }));
  t.deepEqual(leaks([body(zlib.gzipSync(secret))]), ['gzip HTTP POST body']);
  t.deepEqual(leaks([body(zlib.deflateSync(secret))]), ['deflate HTTP POST body']);
  t.deepEqual(leaks([body(zlib.deflateRawSync(secret))]), ['deflate HTTP POST body']);
  t.deepEqual(leaks([body(zlib.brotliCompressSync(secret))]), ['brotli HTTP POST body']);
  t.deepEqual(leaks([body(Buffer.from(`d=${zlib.gzipSync(secret).toString('base64')}`))]), ['base64+gzip HTTP POST body']);
  t.deepEqual(leaks([body(Buffer.concat([Buffer.from('--b\r\n'), zlib.gzipSync(Buffer.from(Buffer.from(TOKEN.value).toString('hex')))]))]), ['gzip+hex HTTP POST body']);
});

test('a compression bomb spends the budget and says the rest was not searched', (t) => {
  const bomb = zlib.gzipSync(Buffer.concat([Buffer.alloc(200 * 1024 * 1024), Buffer.from(TOKEN.value)]));
  const views = decodeAll(bomb);
  t.true(views.incomplete);
  t.deepEqual(leaks([body(bomb)]), ['limit capture']);
});

test('a capture that kept less than was sent is a capture limit event', (t) => {
  const [event] = detectExfiltration([body(Buffer.from('AAAA'), { sentBytes: 20 * 1024 * 1024 })], []);
  t.like(event, { kind: 'limit', limit: 'capture', pid: 42, attribution });
  t.regex(event?.kind === 'limit' ? event.detail : '', /20\.0 MiB sent, only the first 0\.0 MiB kept and searched/);
});

const query = (name: string, timestampMs: number): Carrier => {
  const event: DnsEvent = { ...base, kind: 'dns', timestampMs, name, type: 'A', server: '127.0.0.53' };
  return { event, channel: 'dns', location: 'DNS query name', destination: `DNS lookup of ${name}`, data: Buffer.from(name.replace(/\./g, '')), caseInsensitive: true };
};

test('a token split over DNS queries to one domain is joined back, in sequence-number order', (t) => {
  const hex = Buffer.from(TOKEN.value).toString('hex');
  const pieces = hex.match(/.{1,12}/g) ?? [];
  const queries = pieces.map((piece, i) => query(`${piece}.${i}.s.exfil.example`, 100 - i)).reverse();
  t.deepEqual(leaks(queries.map((q, i) => ({ ...q, event: { ...q.event, timestampMs: i } }))), ['hex DNS query names of 7 queries joined']);
  const shuffled = pieces.map((piece, i) => query(`${i}.${piece}.exfil.example`, (i * 7) % pieces.length));
  t.deepEqual(leaks(shuffled), ['hex DNS query names of 7 queries joined']);
});

test('requests to one host are joined without what they all share', (t) => {
  const parts = TOKEN.value.match(/.{1,10}/g) ?? [];
  const carriers = parts.map((part, i) => body(Buffer.from(`{"seq":"x","d":"${part}"}`), { event: { ...http, timestampMs: i } }));
  t.is(joinedCarriers(carriers).length, 1);
  t.deepEqual(leaks(carriers), ['raw HTTP POST bodys of 4 messages joined']);
});

test('a token one piece already carried is not reported again for the joined pieces', (t) => {
  t.deepEqual(leaks([body(Buffer.from(TOKEN.value)), body(Buffer.from('x'), { event: { ...http, timestampMs: 5 } })]), ['raw HTTP POST body']);
});
