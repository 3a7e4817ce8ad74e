import { readFile } from 'node:fs/promises';
import test from 'ava';
import type { DynauditError } from '../../../src/common/errors.js';
import { nameFromLocation, readLockfile } from '../../../src/resolve/lockfile-entries.js';

const mixed = JSON.parse(
  await readFile(new URL('../../fixtures/resolve/lockfiles/mixed.json', import.meta.url), 'utf8'),
) as unknown;

test('every package entry is read, the root excluded', (t) => {
  const locations = readLockfile(mixed).map((entry) => entry.location);
  t.deepEqual(locations, [
    'node_modules/analyzed',
    'node_modules/@scope/util',
    'node_modules/@scope/util/node_modules/inner',
    'node_modules/string-width-cjs',
    'node_modules/native-darwin',
    'node_modules/native-linux',
    'node_modules/analyzed/node_modules/@scope/util',
  ]);
});

test('names come from the location, or from the entry for an alias', (t) => {
  const entries = readLockfile(mixed);
  t.is(entries.find((entry) => entry.location === 'node_modules/string-width-cjs')?.name, 'string-width');
  t.is(entries.find((entry) => entry.location === 'node_modules/analyzed/node_modules/@scope/util')?.name, '@scope/util');
});

test('install scripts, bundling, optionality and platforms are read', (t) => {
  const byLocation = new Map(readLockfile(mixed).map((entry) => [entry.location, entry]));
  t.like(byLocation.get('node_modules/analyzed'), { hasInstallScript: true, inBundle: false, optional: false });
  t.like(byLocation.get('node_modules/@scope/util/node_modules/inner'), { inBundle: true, version: '0.0.1' });
  t.is(byLocation.get('node_modules/@scope/util/node_modules/inner')?.integrity, undefined);
  t.deepEqual(byLocation.get('node_modules/native-darwin')?.os, ['darwin']);
  t.deepEqual(byLocation.get('node_modules/native-linux')?.cpu, ['x64', 'arm64']);
  t.like(byLocation.get('node_modules/native-linux'), { optional: true });
});

test('a lockfile without packages is rejected', (t) => {
  const error = t.throws<DynauditError>(() => readLockfile({ lockfileVersion: 1, dependencies: {} }));
  t.is(error?.code, 'E_RESOLVE');
});

test('an entry without a version is rejected unless it is a link', (t) => {
  const error = t.throws<DynauditError>(() => readLockfile({ packages: { 'node_modules/a': {} } }));
  t.is(error?.code, 'E_RESOLVE');
  t.like(readLockfile({ packages: { 'node_modules/a': { link: true, resolved: '../a' } } })[0], { link: true });
});

test('the name of a nested scoped location is its last node_modules segment', (t) => {
  t.is(nameFromLocation('node_modules/a/node_modules/@s/b'), '@s/b');
  t.is(nameFromLocation('node_modules/left-pad'), 'left-pad');
});
