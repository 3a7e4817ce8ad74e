import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import test from 'ava';
import { parse } from 'yaml';

interface CallArguments {
  argumentSets(projectDir: string, secrets: Record<string, string>): [string, (arity?: number) => unknown[]][];
  arityOf(fn: unknown): number;
  ARGUMENT_HOST: string;
}
const { argumentSets, arityOf, ARGUMENT_HOST } = createRequire(import.meta.url)('../../../sandbox-images/node/runner/call-arguments.cjs') as CallArguments;
/** What the app entry hands over (made on the host with the run's honeytokens). */
const secrets = { base58SecretKey: 'base58-of-the-run', hexPrivateKey: '0xhex-of-the-run', mnemonic: 'twelve words of the run', jwt: 'a.jwt.of-the-run' };
const sets = new Map(argumentSets('/home/runner/work/app', secrets));
const first = (kind: string): unknown => sets.get(kind)!()[0];

test('every kind of argument the issue names is tried, no arguments first', (t) => {
  t.deepEqual([...sets.keys()], ['none', 'base58-secret-key', 'hex-private-key', 'mnemonic', 'jwt', 'url', 'path', 'number', 'object', 'bytes-32', 'buffer-64', 'callback']);
  t.deepEqual(sets.get('none')!(), []);
});

test('the key-shaped strings are the run\'s secrets the app entry handed over, so a leak of one is a known token', (t) => {
  t.is(first('base58-secret-key'), secrets.base58SecretKey);
  t.is(first('hex-private-key'), secrets.hexPrivateKey);
  t.is(first('mnemonic'), secrets.mnemonic);
  t.is(first('jwt'), secrets.jwt);
});

test('an app\'s options object holds the run\'s secrets under the names SDKs read them from', (t) => {
  t.like(first('object'), { privateKey: secrets.hexPrivateKey, secretKey: secrets.base58SecretKey, mnemonic: secrets.mnemonic, token: secrets.jwt });
});

test('a function declaring more parameters gets its kind in each of them, at most four, and at least one', (t) => {
  t.deepEqual(sets.get('hex-private-key')!(2), [secrets.hexPrivateKey, secrets.hexPrivateKey], 'sign(message, secretKey) gets the key second too');
  t.is(sets.get('number')!(9).length, 4);
  t.deepEqual(sets.get('jwt')!(0), [secrets.jwt], 'a function reading `arguments` declares none');
  t.deepEqual(sets.get('none')!(3), [], 'no arguments stays none');
});

test('a function\'s arity is its declared parameters, or one when its length lies or throws', (t) => {
  t.is(arityOf((message: unknown, key: unknown) => [message, key]), 2);
  t.is(arityOf(Object.defineProperty(() => {}, 'length', { value: 'many' })), 1);
  t.is(arityOf(Object.defineProperty(() => {}, 'length', { get: () => { throw new Error('no'); } })), 1);
});

test('bytes are fresh on every call', (t) => {
  t.notDeepEqual(first('bytes-32'), first('bytes-32'));
  t.notDeepEqual(first('buffer-64'), first('buffer-64'));
});

test('a URL points at a reserved name, a path into the caller\'s data folder, bytes come in 32 and 64', (t) => {
  t.is(new URL(first('url') as string).hostname, ARGUMENT_HOST);
  t.true(ARGUMENT_HOST.endsWith('.example'));
  t.is(first('path'), '/home/runner/work/app/data/input.json');
  t.true(first('bytes-32') instanceof Uint8Array);
  t.is((first('bytes-32') as Uint8Array).length, 32);
  t.true(Buffer.isBuffer(first('buffer-64')));
  t.is((first('buffer-64') as Buffer).length, 64);
  t.is(typeof first('callback'), 'function');
});

test('the number every function is handed is the port the shipped policy lets a call listen on when handed a number', (t) => {
  const policy = parse(readFileSync(new URL('../../../policies/default.yaml', import.meta.url), 'utf8')) as { rules: { id: string; except?: Record<string, unknown>[] }[] };
  const ports = (id: string): unknown[] =>
    (policy.rules.find((rule) => rule.id === id)?.except ?? []).flatMap((entry) => [...((entry.port as unknown[]) ?? []), ...((entry.portNot as unknown[]) ?? [])]).filter((port) => port !== 0);
  t.deepEqual(new Set(ports('listening-socket')), new Set([first('number')]));
  t.deepEqual(new Set(ports('call-server')), new Set([first('number')]));
});
