// The arguments the consumer calls exposed functions with, each set named by
// its kind (the report says which kind a call got): none, strings shaped
// like secrets (a base58 64-byte secret key, a 0x-hex private key, a 12-word
// mnemonic, a JWT), a URL, a path, a number, a plain object (an app's
// options, holding those four secrets under the names SDKs use), bytes of 32
// and 64, a callback. A function is handed its kind in every parameter it
// declares (up to MAX_ARITY): `sign(message, secretKey)` gets the key as its
// second argument too. The secrets are the run's honeytokens, made on the
// host (src/honeytokens/call-secrets.ts) and handed over by the app entry, so
// one sent out is caught as exfiltration of that key; the bytes are fresh
// random ones. Nothing outside the sandbox could know them beforehand.
'use strict';
const { randomBytes } = require('node:crypto');

/** What a URL argument points at: a reserved name, standing for the caller's own service. */
const ARGUMENT_HOST = 'api.caller.example';
/** The most parameters a call fills with its kind. */
const MAX_ARITY = 4;

/** `value` in each of `arity` parameters (at least one, at most MAX_ARITY). */
function fill(value, arity) {
  const count = Math.min(Math.max(Number.isInteger(arity) ? arity : 1, 1), MAX_ARITY);
  return Array.from({ length: count }, () => value);
}

/** How many parameters a function declares (its `length`, which its own getter could fake: then 1). */
function arityOf(fn) {
  try {
    const { length } = fn;
    return Number.isInteger(length) ? length : 1;
  } catch {
    return 1;
  }
}

/**
 * [kind, (arity) => arguments] in the order they are tried; `projectDir` is where
 * path arguments point, `secrets` the run's { base58SecretKey, hexPrivateKey, mnemonic, jwt }.
 */
function argumentSets(projectDir, secrets) {
  const sets = [
    ['base58-secret-key', () => secrets.base58SecretKey],
    ['hex-private-key', () => secrets.hexPrivateKey],
    ['mnemonic', () => secrets.mnemonic],
    ['jwt', () => secrets.jwt],
    ['url', () => `https://${ARGUMENT_HOST}/v1/items?id=1`],
    ['path', () => `${projectDir}/data/input.json`],
    ['number', () => 42],
    ['object', () => ({ name: 'app', id: 1, enabled: true, items: ['a', 'b'], privateKey: secrets.hexPrivateKey, secretKey: secrets.base58SecretKey, mnemonic: secrets.mnemonic, token: secrets.jwt })],
    ['bytes-32', () => new Uint8Array(randomBytes(32))],
    ['buffer-64', () => randomBytes(64)],
    ['callback', () => function callback() {}],
  ];
  return [['none', () => []], ...sets.map(([kind, make]) => [kind, (arity = 1) => fill(make(), arity)])];
}

module.exports = { argumentSets, arityOf, ARGUMENT_HOST };
