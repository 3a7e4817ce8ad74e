import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { DynauditError } from '../../../src/common/errors.js';
import { parseLockfile, readLockfileFile } from '../../../src/lockfile/read-lockfile.js';
import type { LockfileGraph } from '../../../src/lockfile/types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/lockfiles');
// Made by the real tools from fixtures/lockfiles/package.json (see its README).
const REAL = [
  ['npm-v1.package-lock.json', 'package-lock.json v1'],
  ['npm-v2.package-lock.json', 'package-lock.json v2'],
  ['npm-v3.package-lock.json', 'package-lock.json v3'],
  ['npm-shrinkwrap.json', 'npm-shrinkwrap.json v3'],
  ['yarn.lock', 'yarn.lock v1'],
  ['pnpm-lock.yaml', 'pnpm-lock.yaml v9.0'],
] as const;

const EXPECTED_PACKAGES = [
  '@sindresorhus/is@4.6.0', 'ansi-regex@5.0.1', 'ansi-styles@4.3.0', 'bufferutil@4.0.8', 'chalk@4.1.2', 'color-convert@2.0.1',
  'color-name@1.1.4', 'debug@4.3.4', 'emoji-regex@8.0.0', 'fsevents@2.3.3', 'has-flag@4.0.0', 'is-fullwidth-code-point@3.0.0',
  'ms@2.0.0', 'ms@2.1.2', 'node-gyp-build@4.8.4', 'string-width@4.2.3', 'strip-ansi@6.0.1', 'supports-color@7.2.0',
];

function dependenciesOf(graph: LockfileGraph, nameVersion: string): string[] {
  const byId = new Map(graph.packages.map((pkg) => [pkg.id, `${pkg.name}@${pkg.version}`]));
  const pkg = graph.packages.find((candidate) => `${candidate.name}@${candidate.version}` === nameVersion);
  return (pkg?.dependencies ?? []).map((edge) => `${edge.alias}->${byId.get(edge.target)}`).sort();
}

for (const [file, format] of REAL) {
  test(`${file} made by its tool reads as ${format} with the same 18 packages`, async (t) => {
    const graph = await readLockfileFile(path.join(FIXTURES, file));
    t.is(graph.format, format);
    t.deepEqual(graph.packages.map((pkg) => `${pkg.name}@${pkg.version}`).sort(), EXPECTED_PACKAGES);
    t.true(graph.packages.every((pkg) => pkg.integrity?.startsWith('sha512-')));
  });

  test(`${file}: two versions of ms stay two packages, each where its dependants need it`, async (t) => {
    const graph = await readLockfileFile(path.join(FIXTURES, file));
    t.deepEqual(dependenciesOf(graph, 'debug@4.3.4'), ['ms->ms@2.1.2']);
    t.deepEqual(dependenciesOf(graph, 'chalk@4.1.2'), ['ansi-styles->ansi-styles@4.3.0', 'supports-color->supports-color@7.2.0']);
  });

  test(`${file}: the npm: alias keeps its folder name and points at the real package`, async (t) => {
    const graph = await readLockfileFile(path.join(FIXTURES, file));
    const alias = graph.roots.find((edge) => edge.alias === 'string-width-cjs');
    t.truthy(alias);
    t.regex(alias?.target ?? '', /^string-width@4\.2\.3#/);
  });

  test(`${file}: the git and file: dependencies are skipped with a reason`, async (t) => {
    const graph = await readLockfileFile(path.join(FIXTURES, file));
    const reasons = new Map(graph.skipped.map((entry) => [entry.name, entry.reason]));
    t.regex(reasons.get('gitdep') ?? '', /git dependency/);
    t.regex(reasons.get('local-lib') ?? '', /local|link/);
    t.is(graph.skipped.length, 2);
  });
}

test('the npm v3 lockfile marks the package with an install script', async (t) => {
  const graph = await readLockfileFile(path.join(FIXTURES, 'npm-v3.package-lock.json'));
  t.deepEqual(graph.packages.filter((pkg) => pkg.hasInstallScript).map((pkg) => pkg.name), ['bufferutil']);
});

test('the pnpm lockfile records that fsevents is for darwin only', async (t) => {
  const graph = await readLockfileFile(path.join(FIXTURES, 'pnpm-lock.yaml'));
  t.deepEqual(graph.packages.find((pkg) => pkg.name === 'fsevents')?.os, ['darwin']);
});

test('the project\'s own dependencies are the roots, dev and optional ones included', async (t) => {
  for (const file of ['npm-v3.package-lock.json', 'yarn.lock', 'pnpm-lock.yaml']) {
    const graph = await readLockfileFile(path.join(FIXTURES, file));
    t.deepEqual(
      graph.roots.map((edge) => edge.alias).sort(),
      ['@sindresorhus/is', 'bufferutil', 'chalk', 'debug', 'fsevents', 'ms', 'string-width-cjs'],
      file,
    );
  }
});

test('no package keeps the resolved host of the lockfile', async (t) => {
  const graph = await readLockfileFile(path.join(FIXTURES, 'yarn.lock'));
  t.false(JSON.stringify(graph.packages).includes('REGISTRY.invalid'));
});

function rejects(t: import('ava').ExecutionContext, text: string, file: string, says: RegExp): void {
  const error = t.throws(() => parseLockfile(text, file), { instanceOf: DynauditError });
  t.is(error?.code, 'E_LOCKFILE');
  t.regex(error?.message ?? '', says);
}

test('a package-lock.json that is not JSON is rejected naming the file', (t) => {
  rejects(t, '{"lockfileVersion": 3,', 'package-lock.json', /package-lock\.json: not valid JSON/);
});

test('an unknown lockfileVersion is rejected naming it', (t) => {
  rejects(t, '{"lockfileVersion": 7, "packages": {}}', 'package-lock.json', /unsupported lockfileVersion 7/);
});

test('a v3 entry without a version is rejected naming its location', (t) => {
  rejects(t, '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/a": {}}}', 'package-lock.json', /node_modules\/a.*no version/);
});

test('a yarn.lock line with bad indentation is rejected naming the line', (t) => {
  const text = readFileSync(path.join(FIXTURES, 'yarn.lock'), 'utf8').replace('  version "4.6.0"', '   version "4.6.0"');
  rejects(t, text, 'yarn.lock', /yarn\.lock: line \d+: unexpected indentation/);
});

test('a yarn berry lockfile is rejected as unsupported', (t) => {
  rejects(t, '__metadata:\n  version: 6\n', 'yarn.lock', /yarn 2\+/);
});

test('a yarn dependency without an entry is rejected', (t) => {
  rejects(t, '# yarn lockfile v1\n\na@^1:\n  version "1.0.0"\n  dependencies:\n    b "^2"\n', 'yarn.lock', /dependency b@\^2 has no entry/);
});

test('a pnpm lockfile of another major version is rejected naming it', (t) => {
  rejects(t, "lockfileVersion: '6.0'\n", 'pnpm-lock.yaml', /unsupported lockfileVersion "6\.0"/);
});

test('a file that is no lockfile at all is rejected', (t) => {
  rejects(t, 'hello', 'notes.txt', /not a package-lock\.json/);
});

test('a missing file is rejected as a lockfile problem', async (t) => {
  const error = await t.throwsAsync(readLockfileFile('/nonexistent/package-lock.json'), { instanceOf: DynauditError });
  t.is(error?.code, 'E_LOCKFILE');
  t.regex(error?.message ?? '', /ENOENT/);
});
