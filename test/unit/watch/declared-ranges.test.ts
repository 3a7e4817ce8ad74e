import test from 'ava';
import { declaredRanges } from '../../../src/watch/declared-ranges.js';

test('an npm v3 lockfile gives the project ranges and each package ranges, keyed by name@version', (t) => {
  const lock = {
    lockfileVersion: 3,
    packages: {
      '': { dependencies: { a: '^1.0.0' }, devDependencies: { d: '~2.1.0' } },
      'node_modules/a': { version: '1.0.0', dependencies: { b: '^3.0.0' }, optionalDependencies: { o: '*' } },
      'node_modules/a/node_modules/b': { version: '3.1.0' },
      'node_modules/alias': { name: 'real', version: '4.0.0', dependencies: { c: '1.x' } },
    },
  };
  const ranges = declaredRanges(lock, null);
  t.deepEqual([...(ranges.get('') ?? [])], [['a', '^1.0.0'], ['d', '~2.1.0']]);
  t.deepEqual([...(ranges.get('a@1.0.0') ?? [])], [['b', '^3.0.0'], ['o', '*']]);
  t.deepEqual([...(ranges.get('real@4.0.0') ?? [])], [['c', '1.x']]);
  t.deepEqual([...(ranges.get('b@3.1.0') ?? [])], []);
});

test('an npm v1 lockfile gives each package requires; the package.json gives the project own', (t) => {
  const lock = { lockfileVersion: 1, dependencies: { a: { version: '1.0.0', requires: { b: '^2' }, dependencies: { b: { version: '2.0.0' } } } } };
  const ranges = declaredRanges(lock, { dependencies: { a: '^1.0.0' }, optionalDependencies: { x: 'latest' } });
  t.deepEqual([...(ranges.get('a@1.0.0') ?? [])], [['b', '^2']]);
  t.deepEqual([...(ranges.get('') ?? [])], [['a', '^1.0.0'], ['x', 'latest']]);
});

test('the package.json wins over the lockfile root entry, and other lockfiles give only it', (t) => {
  const lock = { lockfileVersion: 3, packages: { '': { dependencies: { a: '1.0.0' } } } };
  t.deepEqual([...(declaredRanges(lock, { dependencies: { a: '^1.0.0' } }).get('') ?? [])], [['a', '^1.0.0']]);
  t.deepEqual([...declaredRanges(null, { dependencies: { a: '^1.0.0' } }).keys()], ['']);
  t.is(declaredRanges(null, null).size, 0);
});
