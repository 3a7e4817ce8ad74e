/**
 * Credential shapes a secret scanner or a thief would accept (pure given a
 * random source): npm and GitHub tokens carry their CRC32 checksum, AWS key
 * ids use the base32 alphabet, and so on. Values are random per run, so
 * they are never a published example value.
 */
import { crc32 } from 'node:zlib';
import { BASE32, BASE62, randomString, type RandomSource } from './random-source.js';

function base62(value: number, width: number): string {
  let text = '';
  let rest = value;
  while (rest > 0) {
    text = BASE62[rest % 62] + text;
    rest = Math.floor(rest / 62);
  }
  return text.padStart(width, '0');
}

/** `prefix` + 30 random base62 characters + a 6-character base62 CRC32 of them (GitHub's and npm's token layout). */
function checksummedToken(random: RandomSource, prefix: string): string {
  const entropy = randomString(random, BASE62, 30);
  return `${prefix}${entropy}${base62(crc32(entropy), 6)}`;
}

/** Whether a token's last six characters are the CRC32 checksum of the 30 before them. */
export function hasValidChecksum(token: string): boolean {
  const body = token.slice(-36);
  return body.length === 36 && base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

export const npmToken = (random: RandomSource): string => checksummedToken(random, 'npm_');
/** An Actions installation token, the shape of GITHUB_TOKEN in a workflow. */
export const githubActionsToken = (random: RandomSource): string => checksummedToken(random, 'ghs_');
export const githubPersonalToken = (random: RandomSource): string => checksummedToken(random, 'ghp_');

/** Never the documentation's `…EXAMPLE` key, and never containing that word by chance. */
export function awsAccessKeyId(random: RandomSource): string {
  for (;;) {
    const id = `AKIA${randomString(random, BASE32, 16)}`;
    if (!id.includes('EXAMPLE')) return id;
  }
}

export function awsSecretAccessKey(random: RandomSource): string {
  for (;;) {
    const secret = randomString(random, `${BASE62}+/`, 40);
    if (!/example/i.test(secret)) return secret;
  }
}

export function dockerAccessToken(random: RandomSource): string {
  return `dckr_pat_${randomString(random, `${BASE62}_-`, 27)}`;
}
