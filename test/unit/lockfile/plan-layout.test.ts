import path from 'node:path';
import test from 'ava';
import { planLayout, primaryPlacements } from '../../../src/lockfile/plan-layout.js';
import { readLockfileFile } from '../../../src/lockfile/read-lockfile.js';
import { buildInstallProject } from '../../../src/lockfile/write-install-project.js';
import type { LockfileGraph } from '../../../src/lockfile/types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/lockfiles');

function graph(packages: Record<string, string[]>, roots: string[]): LockfileGraph {
  const edge = (dep: string) => ({ alias: dep.split('@')[0] ?? dep, target: dep, optional: false });
  return {
    format: 'test',
    roots: roots.map(edge),
    packages: Object.entries(packages).map(([id, deps]) => ({
      id,
      name: id.split('@')[0] ?? id,
      version: id.split('@')[1] ?? '',
      integrity: null,
      hasInstallScript: null,
      dependencies: deps.map(edge),
    })),
    skipped: [],
  };
}

test('a dependency goes to the top when its name is free there', (t) => {
  const layout = planLayout(graph({ 'a@1': ['b@1'], 'b@1': [] }, ['a@1']));
  t.deepEqual(layout.placements.map((p) => `${p.location}=${p.id}`), ['node_modules/a=a@1', 'node_modules/b=b@1']);
});

test('a second version nests under the package that needs it', (t) => {
  const layout = planLayout(graph({ 'a@1': ['b@2'], 'b@1': [], 'b@2': [] }, ['a@1', 'b@1']));
  t.deepEqual(layout.placements.map((p) => `${p.location}=${p.id}`), [
    'node_modules/a=a@1',
    'node_modules/a/node_modules/b=b@2',
    'node_modules/b=b@1',
  ]);
});

test('a package already found on the way up is not placed again', (t) => {
  const layout = planLayout(graph({ 'a@1': ['c@1'], 'b@1': ['c@1'], 'c@1': [] }, ['a@1', 'b@1']));
  t.is(layout.placements.filter((p) => p.id === 'c@1').length, 1);
});

test('dependency cycles terminate', (t) => {
  const layout = planLayout(graph({ 'a@1': ['b@1'], 'b@1': ['a@1'] }, ['a@1']));
  t.is(layout.placements.length, 2);
});

test('a package nobody depends on is placed at the top, or reported when its name is taken', (t) => {
  const layout = planLayout(graph({ 'a@1': [], 'x@1': [], 'a@2': [] }, ['a@1']));
  t.true(layout.placements.some((p) => p.id === 'x@1' && p.location === 'node_modules/x'));
  t.deepEqual(layout.unplaced, ['a@2']);
});

test('left-out packages are not placed and edges to them are dropped', (t) => {
  const layout = planLayout(graph({ 'a@1': ['b@1'], 'b@1': [] }, ['a@1']), (id) => id !== 'b@1');
  t.deepEqual(layout.placements.map((p) => p.id), ['a@1']);
});

test('each package is imported from its shallowest place', (t) => {
  const layout = planLayout(graph({ 'a@1': ['b@2'], 'b@1': [], 'b@2': [] }, ['a@1', 'b@1']));
  t.is(primaryPlacements(layout).get('b@2')?.location, 'node_modules/a/node_modules/b');
});

test('the install project of a real yarn.lock pins every package to the fetched integrity', async (t) => {
  const lock = await readLockfileFile(path.join(FIXTURES, 'yarn.lock'));
  const integrity = new Map(lock.packages.map((pkg) => [pkg.id, pkg.integrity ?? '']));
  const project = buildInstallProject(lock, { registry: 'https://registry.example/', integrity });
  const packages = project.packageLock['packages'] as Record<string, Record<string, unknown>>;
  t.like(packages['node_modules/debug/node_modules/ms'], { version: '2.1.2' });
  t.like(packages['node_modules/ms'], { version: '2.0.0' });
  t.like(packages['node_modules/string-width-cjs'], { name: 'string-width', version: '4.2.3' });
  t.is(packages['node_modules/debug']?.['resolved'], 'https://registry.example/debug/-/debug-4.3.4.tgz');
  t.is(packages['node_modules/@sindresorhus/is']?.['resolved'], 'https://registry.example/@sindresorhus/is/-/is-4.6.0.tgz');
  t.deepEqual((packages['']?.['dependencies'] as Record<string, string>)['string-width-cjs'], 'npm:string-width@4.2.3');
  t.deepEqual(project.packageJson['dependencies'], packages['']?.['dependencies']);
  t.false(JSON.stringify(project).includes('REGISTRY.invalid'));
});

test('a package reached only through optional dependencies is marked optional', async (t) => {
  const lock = graph({ 'a@1': [], 'b@1': [] }, []);
  const withOptional: LockfileGraph = {
    ...lock,
    roots: [
      { alias: 'a', target: 'a@1', optional: false },
      { alias: 'b', target: 'b@1', optional: true },
    ],
  };
  const integrity = new Map([['a@1', 'sha512-a'], ['b@1', 'sha512-b']]);
  const packages = buildInstallProject(withOptional, { registry: 'https://r', integrity }).packageLock['packages'] as Record<string, Record<string, unknown>>;
  t.is(packages['node_modules/b']?.['optional'], true);
  t.is(packages['node_modules/a']?.['optional'], undefined);
});
