import { createRequire } from 'node:module';
import test from 'ava';

interface CallArguments {
  argumentSets(projectDir: string): [string, () => unknown[]][];
  base58(bytes: Uint8Array): string;
  MNEMONIC: string;
  ARGUMENT_HOST: string;
}
const { argumentSets, base58, MNEMONIC, ARGUMENT_HOST } = createRequire(import.meta.url)('../../../sandbox-images/node/runner/call-arguments.cjs') as CallArguments;
const sets = new Map(argumentSets('/home/runner/work/app'));
const first = (kind: string): unknown => sets.get(kind)!()[0];

test('every kind of argument the issue names is tried, no arguments first', (t) => {
  t.deepEqual([...sets.keys()], ['none', 'base58-secret-key', 'hex-private-key', 'mnemonic', 'jwt', 'url', 'path', 'number', 'object', 'bytes-32', 'buffer-64', 'callback']);
  t.deepEqual(sets.get('none')!(), []);
});

test('the key-shaped strings look like the secrets they imitate', (t) => {
  t.regex(first('base58-secret-key') as string, /^[1-9A-HJ-NP-Za-km-z]{86,88}$/);
  t.regex(first('hex-private-key') as string, /^0x[0-9a-f]{64}$/);
  t.is((first('mnemonic') as string).split(' ').length, 12);
  t.is(first('mnemonic'), MNEMONIC);
  t.regex(first('jwt') as string, /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{43}$/);
});

test('secrets are fresh on every call, never a value known beforehand', (t) => {
  t.not(first('base58-secret-key'), first('base58-secret-key'));
  t.not(first('hex-private-key'), first('hex-private-key'));
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

test('base58 keeps leading zero bytes as 1s, like Bitcoin and Solana', (t) => {
  t.is(base58(Uint8Array.from([0, 0, 1])), '112');
  t.is(base58(Uint8Array.from([0xff])), '5Q');
});
