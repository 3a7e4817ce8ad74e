// The arguments the consumer calls exposed functions with, each set named by
// its kind (the report says which kind a call got): none, strings shaped
// like secrets (a base58 64-byte secret key, a 0x-hex private key, a 12-word
// mnemonic, a JWT), a URL, a path, a number, a plain object, bytes of 32 and
// 64, a callback. The secrets are the run's honeytokens, made on the host
// (src/honeytokens/call-secrets.ts) and handed over by the app entry, so one
// sent out is caught as exfiltration of that key; the bytes are fresh
// random ones. Nothing outside the sandbox could know them beforehand.
'use strict';
const { randomBytes } = require('node:crypto');

/** What a URL argument points at: a reserved name, standing for the caller's own service. */
const ARGUMENT_HOST = 'api.caller.example';

/**
 * [kind, () => arguments] in the order they are tried; `projectDir` is where
 * path arguments point, `secrets` the run's { base58SecretKey, hexPrivateKey, mnemonic, jwt }.
 */
function argumentSets(projectDir, secrets) {
  return [
    ['none', () => []],
    ['base58-secret-key', () => [secrets.base58SecretKey]],
    ['hex-private-key', () => [secrets.hexPrivateKey]],
    ['mnemonic', () => [secrets.mnemonic]],
    ['jwt', () => [secrets.jwt]],
    ['url', () => [`https://${ARGUMENT_HOST}/v1/items?id=1`]],
    ['path', () => [`${projectDir}/data/input.json`]],
    ['number', () => [42]],
    ['object', () => [{ name: 'app', id: 1, enabled: true, items: ['a', 'b'] }]],
    ['bytes-32', () => [new Uint8Array(randomBytes(32))]],
    ['buffer-64', () => [randomBytes(64)]],
    ['callback', () => [function callback() {}]],
  ];
}

module.exports = { argumentSets, ARGUMENT_HOST };
