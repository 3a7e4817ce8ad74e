import path from 'node:path';
import test from 'ava';
import { readLockfileFile } from '../../../../src/lockfile/read-lockfile.js';
import { executedPackages, packageIdentity } from '../../../../src/pipeline/lockfile/lockfile-phases.js';

const LOCKFILE = path.resolve(import.meta.dirname, '../../../fixtures/lockfiles/npm-v3.package-lock.json');
const identity = { analyzerVersion: '0.1.0+abc', image: 'dynaudit-sandbox:1234', runtime: 'runc', network: 'fakenet' as const, phases: 'install,import,execute' };

test('batch mode executes the project\'s direct dependencies and no deeper one', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  const executed = executedPackages(graph, identity, 'batch');
  t.deepEqual([...executed].sort(), graph.roots.map((edge) => edge.target).sort());
  const deep = graph.packages.find((pkg) => pkg.name === 'color-name')!;
  t.false(executed.has(deep.id));
});

test('isolated mode executes every package, as analyze does', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  t.is(executedPackages(graph, identity, 'isolated').size, graph.packages.length);
});

test('without the execute phase chosen nothing is executed', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  t.is(executedPackages(graph, { ...identity, phases: 'install,import' }, 'batch').size, 0);
});

test('a package that is not executed is stored under the phases it ran, the others under the run\'s', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  const executed = executedPackages(graph, identity, 'batch');
  const direct = graph.packages.find((pkg) => executed.has(pkg.id))!;
  const deep = graph.packages.find((pkg) => pkg.name === 'color-name')!;
  t.is(packageIdentity(identity, executed, direct).phases, 'install,import,execute');
  t.deepEqual(packageIdentity(identity, executed, deep), { ...identity, phases: 'install,import' });
});
