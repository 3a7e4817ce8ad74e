/**
 * Credential shapes a secret scanner or a thief would accept (pure given a
 * random source): npm and GitHub tokens carry their CRC32 checksum, AWS key
 * ids use the base32 alphabet, and so on. Values are random per run, so
 * they are never a published example value. The key-shaped ones (base58
 * and hex keys, a BIP-39 mnemonic, a JWT) are what the execute phase hands
 * to the functions it calls.
 */
import { crc32 } from 'node:zlib';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
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

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 (Bitcoin's and Solana's alphabet), leading zero bytes kept as `1`s. */
export function base58(bytes: Uint8Array): string {
  let number = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
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

/** A Solana-style secret key: 64 random bytes in base58. */
export const base58SecretKey = (random: RandomSource): string => base58(random.bytes(64));

/** An Ethereum-style private key: 32 random bytes as 0x-hex. */
export const hexPrivateKey = (random: RandomSource): string => `0x${random.bytes(32).toString('hex')}`;

/** A 12-word BIP-39 mnemonic (English wordlist, valid checksum) of 128 random bits. */
export const mnemonic = (random: RandomSource): string => entropyToMnemonic(random.bytes(16), english);

/** An HS256 JWT whose signature is random (header and claims are the common ones, so only the signature is secret). */
export function jwt(random: RandomSource): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'user-1', iat: 1700000000 })}.${random.bytes(32).toString('base64url')}`;
}

/** A database password as a generator would make it (base62, 24 characters). */
export const databasePassword = (random: RandomSource): string => randomString(random, BASE62, 24);
