import test from 'ava';
import { openSshPrivateKey, openSshPublicKey, rsaPublicBlob } from '../../../src/honeytokens/openssh-private-key.js';
import { testRsaKey } from './helpers.js';

function readStrings(data: Buffer, count: number, offset = 0): { values: Buffer[]; next: number } {
  const values: Buffer[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    const length = data.readUInt32BE(at);
    values.push(data.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return { values, next: at };
}

function body(text: string): Buffer {
  return Buffer.from(text.split('\n').filter((line) => line !== '' && !line.startsWith('-----')).join(''), 'base64');
}

test('the private key is an unencrypted openssh-key-v1 block with 70-character lines', (t) => {
  const text = openSshPrivateKey(testRsaKey(), 'runner@fv-az100-200', 0x01020304);
  const lines = text.trimEnd().split('\n');
  t.is(lines[0], '-----BEGIN OPENSSH PRIVATE KEY-----');
  t.is(lines.at(-1), '-----END OPENSSH PRIVATE KEY-----');
  t.true(lines.slice(1, -2).every((line) => line.length === 70));
  const data = body(text);
  t.is(data.subarray(0, 15).toString('latin1'), 'openssh-key-v1\0');
  const { values } = readStrings(data, 3, 15);
  t.deepEqual(values.map((value) => value.toString()), ['none', 'none', '']);
});

test("the private section repeats the check value, holds the key's fields and the comment, and is padded to 8 bytes", (t) => {
  const data = body(openSshPrivateKey(testRsaKey(), 'runner@host', 0xdeadbeef));
  const after = readStrings(data, 3, 15).next;
  t.is(data.readUInt32BE(after), 1);
  const { values } = readStrings(data, 2, after + 4);
  const [publicBlob, privateSection] = values as [Buffer, Buffer];
  t.deepEqual(publicBlob, rsaPublicBlob(testRsaKey()));
  t.is(privateSection.length % 8, 0);
  t.is(privateSection.readUInt32BE(0), 0xdeadbeef);
  t.is(privateSection.readUInt32BE(4), 0xdeadbeef);
  const fields = readStrings(privateSection, 8, 8).values;
  t.is(fields[0]?.toString(), 'ssh-rsa');
  t.is(fields[7]?.toString(), 'runner@host');
});

test('numbers are SSH mpints: a zero byte is added when the top bit is set', (t) => {
  const blob = rsaPublicBlob(testRsaKey());
  const [, exponent, modulus] = readStrings(blob, 3).values as [Buffer, Buffer, Buffer];
  t.deepEqual(exponent, Buffer.from([0x01, 0x00, 0x01]));
  t.is(modulus[0], 0x00);
  t.true((modulus[1] ?? 0) >= 0x80);
});

test('the public key line is ssh-rsa, the blob in base64 and the comment', (t) => {
  const line = openSshPublicKey(testRsaKey(), 'runner@host');
  t.is(line, `ssh-rsa ${rsaPublicBlob(testRsaKey()).toString('base64')} runner@host\n`);
});
