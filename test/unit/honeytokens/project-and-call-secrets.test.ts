import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import test from 'ava';
import { callSecretTokens } from '../../../src/honeytokens/call-secrets.js';
import { createHoneytokens, type HoneytokenOptions } from '../../../src/honeytokens/create-honeytokens.js';
import { TokenFinder } from '../../../src/honeytokens/find-tokens.js';
import { base58 } from '../../../src/honeytokens/token-formats.js';
import { seededRandom, testRsaKey } from './helpers.js';

function options(seed: string): HoneytokenOptions {
  return { random: seededRandom(seed), registryUrl: 'https://registry.dynaudit-test.example/', rsaKey: testRsaKey(), user: 'runner', hostname: 'fv-az123-456', homeDir: '/home/runner', workspace: '/home/runner/work/app' };
}

const token = (set: ReturnType<typeof createHoneytokens>, id: string) => set.tokens.find((entry) => entry.id === id)?.value ?? '';

test('the key-shaped secrets handed to calls look like the secrets they imitate', (t) => {
  const { callSecrets } = createHoneytokens(options('shapes'));
  t.regex(callSecrets.base58SecretKey, /^[1-9A-HJ-NP-Za-km-z]{86,88}$/);
  t.regex(callSecrets.hexPrivateKey, /^0x[0-9a-f]{64}$/);
  t.is(callSecrets.mnemonic.split(' ').length, 12);
  t.true(validateMnemonic(callSecrets.mnemonic, wordlist), 'a BIP-39 mnemonic with a valid checksum');
  t.regex(callSecrets.jwt, /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{43}$/);
});

test('two runs hand calls different secrets, none of them a published test vector', (t) => {
  const first = createHoneytokens(options('run-1')).callSecrets;
  const second = createHoneytokens(options('run-2')).callSecrets;
  for (const kind of ['base58SecretKey', 'hexPrivateKey', 'mnemonic', 'jwt'] as const) t.not(first[kind], second[kind], kind);
  t.not(first.mnemonic, 'legal winner thank year wave sausage worth useful legal winner thank yellow');
});

test('each secret handed to a call is a token named for what it is, searched by its secret part only', (t) => {
  const { callSecrets } = createHoneytokens(options('tokens'));
  const tokens = callSecretTokens(callSecrets);
  t.deepEqual(
    tokens.map((entry) => `${entry.id}: ${entry.label}`),
    [
      'call-argument-base58-secret-key: base58 secret key handed to a call',
      'call-argument-hex-private-key: hex private key handed to a call',
      'call-argument-mnemonic: mnemonic handed to a call',
      'call-argument-jwt: JWT handed to a call',
    ],
  );
  const finder = new TokenFinder(tokens);
  // Any JWT carries the same header; only this one's signature is the secret.
  t.deepEqual(finder.find(Buffer.from('Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJpYXQiOjE3MDAwMDAwMDB9.other')), []);
  const sent = Buffer.from(callSecrets.hexPrivateKey).toString('base64');
  t.like(finder.find(Buffer.from(`POST /k\r\n\r\n${sent}`))[0], { token: { id: 'call-argument-hex-private-key' }, encoding: 'base64' });
});

test('the project is a git checkout of the job\'s repository, on branch main', (t) => {
  const set = createHoneytokens(options('git'));
  const repository = set.env.find((line) => line.startsWith('GITHUB_REPOSITORY='))?.split('=')[1];
  const files = new Map(set.files.map((entry) => [entry.path, entry.content]));
  t.is(files.get('work/app/.git/HEAD'), 'ref: refs/heads/main\n');
  t.true(files.get('work/app/.git/config')?.includes(`\turl = https://github.com/${repository}\n`));
  t.true(files.get('work/app/.git/config')?.includes('\tbare = false\n'));
  t.deepEqual(set.dirs, ['work/app/.git/objects/info', 'work/app/.git/objects/pack', 'work/app/.git/refs/heads', 'work/app/.git/refs/tags']);
});

test('the project\'s .env holds an npm token, an AWS key pair and a database password, each a token of its own', (t) => {
  const set = createHoneytokens(options('dotenv'));
  const dotenv = set.files.find((entry) => entry.path === 'work/app/.env');
  const lines = new Map(dotenv?.content.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  t.is(lines.get('NPM_TOKEN'), token(set, 'dotenv-npm-token'));
  t.is(lines.get('AWS_ACCESS_KEY_ID'), token(set, 'dotenv-aws-access-key-id'));
  t.is(lines.get('AWS_SECRET_ACCESS_KEY'), token(set, 'dotenv-aws-secret-access-key'));
  t.is(new URL(lines.get('DATABASE_URL') ?? '').password, token(set, 'dotenv-database-password'));
  t.regex(token(set, 'dotenv-database-password'), /^[0-9A-Za-z]{24}$/);
  t.is(dotenv?.tokens[0], 'dotenv-database-password', 'reading it is touching its secrets');
  t.is(set.tokens.find((entry) => entry.id === 'dotenv-npm-token')?.label, "NPM_TOKEN in the project's .env");
});

test('base58 keeps leading zero bytes as 1s, like Bitcoin and Solana', (t) => {
  t.is(base58(Uint8Array.from([0, 0, 1])), '112');
  t.is(base58(Uint8Array.from([0xff])), '5Q');
});
