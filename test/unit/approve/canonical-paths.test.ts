import test from 'ava';
import { canonicalPaths } from '../../../src/approve/canonical-paths.js';
import type { LockfileGraph, LockPackage } from '../../../src/lockfile/types.js';

function node(id: string, dependencies: [string, string][] = []): LockPackage {
  return { id, name: id.split('@')[0]!, version: '1.0.0', integrity: null, hasInstallScript: null, dependencies: dependencies.map(([alias, target]) => ({ alias, target, optional: false })) };
}

test('each package gets its shortest dependency path, shorter then alphabetically first names breaking ties', (t) => {
  const graph: LockfileGraph = {
    format: 'test',
    roots: [{ alias: 'webpack', target: 'webpack@1', optional: false }, { alias: 'vite', target: 'vite@1', optional: false }, { alias: 'aaa', target: 'aaa@1', optional: false }],
    packages: [node('webpack@1', [['esbuild', 'esbuild@1']]), node('vite@1', [['esbuild', 'esbuild@1']]), node('aaa@1', [['deep', 'deep@1']]), node('deep@1', [['vite', 'vite@1']]), node('esbuild@1')],
    skipped: [],
  };
  const paths = canonicalPaths(graph);
  t.is(paths.get('esbuild@1'), 'vite>esbuild');
  t.is(paths.get('vite@1'), 'vite');
  t.is(paths.get('deep@1'), 'aaa>deep');
});
