import test from 'ava';
import { narrowGraph } from '../../../src/lockfile/narrow-graph.js';
import type { LockfileGraph, LockPackage } from '../../../src/lockfile/types.js';

const pkg = (name: string, deps: string[] = []): LockPackage => ({
  id: `${name}@1.0.0`, name, version: '1.0.0', integrity: null, hasInstallScript: null,
  dependencies: deps.map((dep) => ({ alias: dep, target: `${dep}@1.0.0`, optional: false })),
});
// app -> a -> b -> c; app -> d
const GRAPH: LockfileGraph = {
  format: 'test',
  roots: [{ alias: 'a', target: 'a@1.0.0', optional: false }, { alias: 'd', target: 'd@1.0.0', optional: false }],
  packages: [pkg('a', ['b']), pkg('b', ['c']), pkg('c'), pkg('d')],
  skipped: [],
};

test('a root keeps its place and brings its closure, nothing else', (t) => {
  const narrowed = narrowGraph(GRAPH, [GRAPH.packages[0]!]);
  t.deepEqual(narrowed.packages.map((p) => p.name), ['a', 'b', 'c']);
  t.deepEqual(narrowed.roots.map((edge) => edge.alias), ['a']);
});

test('a deep dependency taken without its dependants becomes a root of its own', (t) => {
  const narrowed = narrowGraph(GRAPH, [GRAPH.packages[1]!]);
  t.deepEqual(narrowed.packages.map((p) => p.name), ['b', 'c']);
  t.deepEqual(narrowed.roots.map((edge) => edge.target), ['b@1.0.0']);
});
