/** A deterministic random source for honeytoken tests, and a small RSA key made once. */
import { createHash, generateKeyPairSync } from 'node:crypto';
import type { RandomSource } from '../../../src/honeytokens/random-source.js';
import type { RsaJwk } from '../../../src/honeytokens/openssh-private-key.js';

export function seededRandom(seed: string): RandomSource {
  let counter = 0;
  return {
    bytes(count) {
      const out: Buffer[] = [];
      let length = 0;
      while (length < count) {
        const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
        out.push(block);
        length += block.length;
      }
      return Buffer.concat(out).subarray(0, count);
    },
  };
}

let key: RsaJwk | undefined;

export function testRsaKey(): RsaJwk {
  key ??= generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'jwk' }) as unknown as RsaJwk;
  return key;
}
