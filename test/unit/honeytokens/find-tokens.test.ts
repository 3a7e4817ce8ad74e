import test from 'ava';
import type { Honeytoken } from '../../../src/honeytokens/create-honeytokens.js';
import { decodedViews } from '../../../src/honeytokens/decoded-views.js';
import { MIN_MATCH, TokenFinder } from '../../../src/honeytokens/find-tokens.js';

const NPM: Honeytoken = { id: 'npm-token', label: 'npm token', value: 'npm_q7Rk2mVx9LpA4sTw8ZcE1bNy6HdJ3fGuKo0i' };
const AWS: Honeytoken = { id: 'aws-secret', label: 'AWS secret', value: 'r8Vt+2bQ/pL9xWm4KzN7cY1dHsJ6gFaE3uTo5iRe' };
const finder = new TokenFinder([NPM, AWS]);

function found(data: string | Buffer, caseInsensitive = false): string[] {
  return finder
    .find(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, { caseInsensitive })
    .map((match) => `${match.token.id}:${match.encoding}:${match.matchedChars}`)
    .sort();
}

test('a token sent as is is found whole', (t) => {
  t.deepEqual(found(`token=${NPM.value}&x=1`), ['npm-token:raw:40']);
});

test('base64, base64url and hex of a message holding a token are undone', (t) => {
  const message = Buffer.from(JSON.stringify({ NPM_TOKEN: NPM.value, AWS: AWS.value }));
  t.deepEqual(found(message.toString('base64')), ['aws-secret:base64:40', 'npm-token:base64:40']);
  const urlSafe = Buffer.concat([Buffer.from([0xfb, 0xff]), Buffer.from(AWS.value)]).toString('base64url');
  t.regex(urlSafe, /[-_]/);
  t.deepEqual(found(`id=${urlSafe}`), ['aws-secret:base64url:40']);
  t.deepEqual(found(Buffer.from(NPM.value).toString('hex').toUpperCase()), ['npm-token:hex:40']);
});

test('a URL-encoded token, and base64 inside URL encoding, are found', (t) => {
  t.deepEqual(found(encodeURIComponent(`k=${AWS.value}`)), ['aws-secret:url:40']);
  t.deepEqual(found(`d=${encodeURIComponent(Buffer.from(`secret ${AWS.value}`).toString('base64'))}`), ['aws-secret:url+base64:40']);
});

test('base32, common in DNS tunnels, is undone', (t) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of Buffer.from(NPM.value)) bits += byte.toString(2).padStart(8, '0');
  const base32 = (bits.match(/.{1,5}/g) ?? []).map((chunk) => alphabet[Number.parseInt(chunk.padEnd(5, '0'), 2)]).join('');
  t.deepEqual(found(base32.toLowerCase()), ['npm-token:base32:40']);
});

test(`a piece of ${MIN_MATCH} characters of a token counts, a piece of ${MIN_MATCH - 1} does not`, (t) => {
  t.deepEqual(found(`…${NPM.value.slice(10, 10 + MIN_MATCH)}…`), [`npm-token:raw:${MIN_MATCH}`]);
  t.deepEqual(found(`…${NPM.value.slice(10, 10 + MIN_MATCH - 1)}…`), []);
});

test('a fragment of a base64 message is decoded at every alignment', (t) => {
  const encoded = Buffer.from(`prefix-${NPM.value}-suffix`).toString('base64');
  t.deepEqual(found(encoded.slice(5)).filter((entry) => entry.startsWith('npm-token:base64')).length, 1);
});

test('case is ignored only when asked (DNS names)', (t) => {
  t.deepEqual(found(NPM.value.toLowerCase()), []);
  t.deepEqual(found(NPM.value.toLowerCase(), true), ['npm-token:raw:40']);
});

test('unrelated traffic finds nothing', (t) => {
  t.deepEqual(found('GET /index.html HTTP/1.1\r\nHost: www.example\r\n\r\n'), []);
  t.deepEqual(found(Buffer.alloc(4096, 0x41)), []);
});

test('views are labelled with the encoding they undo', (t) => {
  const views = decodedViews(Buffer.from(`a=${encodeURIComponent('x y')}&b=${Buffer.from('hello world, hello!').toString('base64')}`));
  t.deepEqual(views.map((view) => view.encoding).slice(0, 2), ['raw', 'url']);
  t.true(views.some((view) => view.encoding === 'base64' && view.text.includes('hello world')));
});
