import { createHash } from 'node:crypto';
import test from 'ava';
import { computeIntegrity, integrityMatches } from '../../../src/resolve/integrity.js';

const data = Buffer.from('left-pad');
const sha1 = `sha1-${createHash('sha1').update(data).digest('base64')}`;

test('computed integrity is sha512 and matches its data', (t) => {
  const integrity = computeIntegrity(data);
  t.true(integrity.startsWith('sha512-'));
  t.true(integrityMatches(data, integrity));
  t.false(integrityMatches(Buffer.from('right-pad'), integrity));
});

test('legacy sha1 integrity is checked', (t) => {
  t.true(integrityMatches(data, sha1));
  t.false(integrityMatches(Buffer.from('x'), sha1));
});

test('only the strongest algorithm present counts', (t) => {
  const wrongSha512 = computeIntegrity(Buffer.from('other'));
  t.false(integrityMatches(data, `${sha1} ${wrongSha512}`));
  t.true(integrityMatches(data, `${wrongSha512} ${computeIntegrity(data)}`));
});

test('options after a digest are ignored', (t) => {
  t.true(integrityMatches(data, `${computeIntegrity(data)}?foo`));
});

test('an unknown or empty integrity never matches', (t) => {
  t.false(integrityMatches(data, ''));
  t.false(integrityMatches(data, 'md5-AAAA'));
});
