/**
 * The key-shaped strings the execute phase hands to the functions it calls
 * (pure given a random source): a base58 64-byte secret key, a 0x-hex
 * private key, a 12-word BIP-39 mnemonic and a JWT, fresh every run. They
 * are honeytokens like the planted ones: a call that sends the key it was
 * handed is exfiltration of that key. The host makes them with the run's
 * other bait and writes them into the app entry (consumer-command.ts).
 */
import type { Honeytoken } from './create-honeytokens.js';
import type { RandomSource } from './random-source.js';
import * as formats from './token-formats.js';

export interface CallSecrets {
  readonly base58SecretKey: string;
  readonly hexPrivateKey: string;
  readonly mnemonic: string;
  readonly jwt: string;
}

/** Token ids of the secrets handed to calls start with this (the policy tells them from planted ones by it). */
const CALL_ARGUMENT_TOKEN_PREFIX = 'call-argument-';

export function createCallSecrets(random: RandomSource): CallSecrets {
  return {
    base58SecretKey: formats.base58SecretKey(random),
    hexPrivateKey: formats.hexPrivateKey(random),
    mnemonic: formats.mnemonic(random),
    jwt: formats.jwt(random),
  };
}

/** What to look for: each secret, or its secret part (the hex digits after `0x`; a JWT's signature, its header and claims being common). */
export function callSecretTokens(secrets: CallSecrets): Honeytoken[] {
  const token = (kind: string, label: string, value: string): Honeytoken => ({ id: `${CALL_ARGUMENT_TOKEN_PREFIX}${kind}`, label: `${label} handed to a call`, value });
  return [
    token('base58-secret-key', 'base58 secret key', secrets.base58SecretKey),
    token('hex-private-key', 'hex private key', secrets.hexPrivateKey.slice(2)),
    token('mnemonic', 'mnemonic', secrets.mnemonic),
    token('jwt', 'JWT', secrets.jwt.split('.')[2]!),
  ];
}
