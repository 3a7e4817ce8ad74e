import test from 'ava';
import { cStringText, decodeCString, decodeEscapes } from '../../../src/trace/index.js';

test('plain text with the usual escapes decodes to its bytes', (t) => {
  t.is(cStringText(String.raw`"say \"hi\"\n\tback\\slash"`), 'say "hi"\n\tback\\slash');
});

test('hex escapes of a binary buffer decode byte for byte', (t) => {
  const decoded = decodeCString(String.raw`"\x89\x5e\x01\x00\xff"`);
  t.deepEqual([...decoded!.bytes], [0x89, 0x5e, 0x01, 0x00, 0xff]);
  t.false(decoded!.truncated);
});

test('octal escapes as -yy prints them in paths decode too', (t) => {
  t.is(decodeEscapes(String.raw`/tmp/dx/a\76b\"c.txt`).toString(), '/tmp/dx/a>b"c.txt');
  t.deepEqual([...decodeEscapes(String.raw`\0\1234`)], [0, 0o123, 0x34]);
});

test('a string cut at the -s limit is marked as truncated', (t) => {
  const decoded = decodeCString('"aaaa"...');
  t.is(decoded!.bytes.toString(), 'aaaa');
  t.true(decoded!.truncated);
});

test('non-ASCII text decodes as UTF-8', (t) => {
  t.is(cStringText(String.raw`"caf\xc3\xa9"`), 'café');
});

test('pointers, NULL and unterminated strings are not strings', (t) => {
  t.is(decodeCString('NULL'), null);
  t.is(decodeCString('0x7ffd20c97168'), null);
  t.is(decodeCString('"unterminated'), null);
  t.is(decodeCString('"a" trailing'), null);
});
