/** The policy cache: a file parsed before comes back from it, anything that does not check out is parsed again. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { DynauditError } from '../../../src/common/errors.js';
import { loadPolicies, parsePolicy } from '../../../src/policy/load-policy.js';
import { cachedPolicy, keepPolicy, type PolicyCache } from '../../../src/policy/policy-cache.js';

const SHIPPED = ['default.yaml', 'vendor-download-hosts.yaml'].map((name) => fileURLToPath(new URL(`../../../policies/${name}`, import.meta.url)));
const STRICT = 'version: 1\nfailOn: low\nrules: []\n';
const LAX = 'version: 1\nfailOn: critical\nrules: []\n';

/** A policy file with this text and an empty cache, both removed after the test. */
function setup(t: ExecutionContext, text: string): { file: string; cache: PolicyCache } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-policy-cache-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'policy.yaml');
  writeFileSync(file, text);
  return { file, cache: { dir: path.join(dir, 'cache'), analyzer: '0.1.0+aaaaaaaaaaaa' } };
}

function entryOf(cache: PolicyCache): string {
  const [entry, ...others] = readdirSync(cache.dir);
  if (!entry || others.length > 0) throw new Error(`expected one cache entry, found ${[entry, ...others].join(', ')}`);
  return path.join(cache.dir, entry);
}

test('a file loaded once is kept in the cache as its parse', async (t) => {
  const { file, cache } = setup(t, STRICT);
  await loadPolicies([file], cache);
  t.deepEqual(await cachedPolicy(cache, file, STRICT), parsePolicy(STRICT, file));
});

test('a file whose text the cache holds is not parsed again', async (t) => {
  const { file, cache } = setup(t, STRICT);
  // What the cache says wins over the text: this is how a hit shows.
  await keepPolicy(cache, file, STRICT, parsePolicy(LAX, file));
  t.is((await loadPolicies([file], cache)).failOn, 'critical');
});

test('a changed file is parsed again and its new parse kept in place of the old', async (t) => {
  const { file, cache } = setup(t, STRICT);
  await loadPolicies([file], cache);
  writeFileSync(file, LAX);
  t.is((await loadPolicies([file], cache)).failOn, 'critical');
  t.is(await cachedPolicy(cache, file, STRICT), undefined);
  t.deepEqual(await cachedPolicy(cache, file, LAX), parsePolicy(LAX, file));
  t.notThrows(() => entryOf(cache), 'one entry per file');
});

test('another analyzer build parses the file again', async (t) => {
  const { file, cache } = setup(t, STRICT);
  await keepPolicy(cache, file, STRICT, parsePolicy(LAX, file));
  t.is((await loadPolicies([file], { ...cache, analyzer: '0.1.0+bbbbbbbbbbbb' })).failOn, 'low');
});

test('the same file named another way is parsed again, since a parse names its file as given', async (t) => {
  const { file, cache } = setup(t, STRICT);
  await keepPolicy(cache, file, STRICT, parsePolicy(LAX, file));
  t.is((await loadPolicies([path.relative(process.cwd(), file)], cache)).failOn, 'low');
});

const corruptions: readonly [what: string, corrupt: (entry: string) => string][] = [
  ['empty', () => ''],
  ['cut short', (entry) => entry.slice(0, entry.length / 2)],
  ['not JSON', () => 'garbage\n{{{'],
  ['one character changed', (entry) => entry.replace('"critical"', '"low"     ')],
  ['written by hand without its digest', (entry) => entry.slice(entry.indexOf('\n') + 1)],
];

for (const [what, corrupt] of corruptions) {
  test(`an entry that is ${what} is not trusted: the file is parsed again`, async (t) => {
    const { file, cache } = setup(t, STRICT);
    await keepPolicy(cache, file, STRICT, parsePolicy(LAX, file));
    const entry = entryOf(cache);
    writeFileSync(entry, corrupt(readFileSync(entry, 'utf8')));
    t.is(await cachedPolicy(cache, file, STRICT), undefined);
    t.is((await loadPolicies([file], cache)).failOn, 'low');
    t.deepEqual(await cachedPolicy(cache, file, STRICT), parsePolicy(STRICT, file), 'the parse replaces the corrupt entry');
  });
}

test('an invalid file is not kept and fails with the same error as without a cache, every time', async (t) => {
  const { file, cache } = setup(t, 'version: 1\nfailOn: sometimes\nrules: []\n');
  const uncached = await t.throwsAsync(loadPolicies([file]), { instanceOf: DynauditError });
  for (let run = 0; run < 2; run++) {
    const error = await t.throwsAsync(loadPolicies([file], cache), { instanceOf: DynauditError });
    t.is(error?.code, 'E_POLICY');
    t.is(error?.message, uncached?.message);
    t.is(error?.message, `invalid policy ${file}:2: failOn must be one of low, medium, high, critical`);
  }
  t.throws(() => readdirSync(cache.dir), { code: 'ENOENT' });
});

test('a cache folder that cannot be written only costs a parse', async (t) => {
  const { file, cache } = setup(t, STRICT);
  writeFileSync(cache.dir, 'a file where the folder should be');
  t.is((await loadPolicies([file], cache)).failOn, 'low');
  t.is((await loadPolicies([file], cache)).failOn, 'low');
});

test('the shipped policies come back from the cache equal to their parse (a parse is plain JSON)', async (t) => {
  const { cache } = setup(t, STRICT);
  const parsed = await loadPolicies(SHIPPED, cache);
  t.deepEqual(JSON.parse(JSON.stringify(parsed)), parsed);
  t.deepEqual(await loadPolicies(SHIPPED, cache), parsed);
  t.deepEqual(await loadPolicies(SHIPPED), parsed);
});

test('policies that all come from the cache load neither yaml nor ajv', async (t) => {
  const { cache } = setup(t, STRICT);
  await loadPolicies(SHIPPED, cache);
  const script = `
    import { createRequire } from 'node:module';
    const { loadPolicies } = await import(${JSON.stringify(new URL('../../../src/policy/load-policy.ts', import.meta.url).href)});
    await loadPolicies(${JSON.stringify(SHIPPED)}, ${JSON.stringify(cache)});
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => /node_modules\\/(yaml|ajv)\\//.test(file));
    process.stdout.write(JSON.stringify(loaded));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
  t.deepEqual(JSON.parse(stdout), []);
});
