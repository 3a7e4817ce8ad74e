// The arguments the consumer calls exposed functions with, each set named by
// its kind (the report says which kind a call got): none, strings shaped
// like secrets (a base58 64-byte secret key, a 0x-hex private key, a 12-word
// mnemonic, a JWT), a URL, a path, a number, a plain object, bytes of 32 and
// 64, a callback. Values are fresh for every run (random bytes), so nothing
// outside the sandbox could know them beforehand.
'use strict';
const { randomBytes } = require('node:crypto');

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** A BIP-39 test vector: a mnemonic with a valid checksum. */
const MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
/** What a URL argument points at: a reserved name, standing for the caller's own service. */
const ARGUMENT_HOST = 'api.caller.example';

function base58(bytes) {
  let number = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  let text = '';
  while (number > 0n) {
    text = BASE58[Number(number % 58n)] + text;
    number /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    text = `1${text}`;
  }
  return text;
}

function jwt() {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'user-1', iat: 1700000000 })}.${randomBytes(32).toString('base64url')}`;
}

/** [kind, () => arguments] in the order they are tried; `projectDir` is where path arguments point. */
function argumentSets(projectDir) {
  return [
    ['none', () => []],
    ['base58-secret-key', () => [base58(randomBytes(64))]],
    ['hex-private-key', () => [`0x${randomBytes(32).toString('hex')}`]],
    ['mnemonic', () => [MNEMONIC]],
    ['jwt', () => [jwt()]],
    ['url', () => [`https://${ARGUMENT_HOST}/v1/items?id=1`]],
    ['path', () => [`${projectDir}/data/input.json`]],
    ['number', () => [42]],
    ['object', () => [{ name: 'app', id: 1, enabled: true, items: ['a', 'b'] }]],
    ['bytes-32', () => [new Uint8Array(randomBytes(32))]],
    ['buffer-64', () => [randomBytes(64)]],
    ['callback', () => [function callback() {}]],
  ];
}

module.exports = { argumentSets, base58, ARGUMENT_HOST, MNEMONIC };
