import test from 'ava';
import type { LockfileGraph, LockPackage } from '../../../src/lockfile/types.js';
import { declaredRanges } from '../../../src/watch/declared-ranges.js';
import { watchTargets } from '../../../src/watch/watch-targets.js';

function pkg(name: string, version: string, deps: string[] = []): LockPackage {
  return { id: `${name}@${version}`, name, version, integrity: null, hasInstallScript: null, dependencies: deps.map((target) => ({ alias: target.split('@')[0]!, target, optional: false })) };
}

// project -> a -> b -> c, project -> git-dep
const graph: LockfileGraph = {
  format: 'package-lock.json v3',
  roots: [{ alias: 'a', target: 'a@1.0.0', optional: false }, { alias: 'git-dep', target: 'git-dep@1.0.0', optional: false }],
  packages: [pkg('a', '1.0.0', ['b@2.0.0']), pkg('b', '2.0.0', ['c@3.0.0']), pkg('c', '3.0.0'), pkg('git-dep', '1.0.0')],
  skipped: [],
};
const ranges = declaredRanges(
  { lockfileVersion: 3, packages: { 'node_modules/a': { version: '1.0.0', dependencies: { b: '^2.0.0' } }, 'node_modules/b': { version: '2.0.0', dependencies: { c: '~3.0.0' } } } },
  { dependencies: { a: '^1.0.0', 'git-dep': 'github:o/r' } },
);

test('direct dependencies are watched with the project declared spec; git ones are not', (t) => {
  t.deepEqual(watchTargets(graph, ranges, 0), [{ name: 'a', locked: '1.0.0', spec: '^1.0.0', dependant: null }]);
});

test('transitive ones follow nearest first, with their dependant spec, up to the bound', (t) => {
  t.deepEqual(
    watchTargets(graph, ranges, 1).map((target) => `${target.name} ${target.spec} ${target.dependant}`),
    ['a ^1.0.0 null', 'b ^2.0.0 a@1.0.0'],
  );
  t.deepEqual(watchTargets(graph, ranges, 10).map((target) => target.name), ['a', 'b', 'c']);
});
