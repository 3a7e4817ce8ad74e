import test from 'ava';
import { ownerLabels, type Owner } from '../../../src/sandbox/owner.js';
import { reapLeftovers, shouldReap, type LabelledObject, type ReaperEngine } from '../../../src/sandbox/reaper.js';

const self: Owner = { host: 'ci-box', boot: 'boot-1', pid: 1000, start: '5000' };
const dead: Owner = { ...self, pid: 41, start: '1' };
const live: Owner = { ...self, pid: 42, start: '2' };
const probe = { startTimeOf: (pid: number) => (pid === 42 ? '2' : null) };

const ours = (run: string, owner?: Owner): Record<string, string> => ({
  'dev.dynaudit.tool': 'dynaudit',
  'dev.dynaudit.run': run,
  ...(owner ? ownerLabels(owner) : {}),
});

class FakeInventory implements ReaperEngine {
  readonly removed: string[] = [];
  failing = new Set<string>();
  constructor(
    private readonly containers: LabelledObject[],
    private readonly volumes: LabelledObject[],
  ) {}
  async listContainers(filter: string): Promise<LabelledObject[]> {
    this.removed.push(`list ${filter}`);
    return this.containers;
  }
  async listVolumes(): Promise<LabelledObject[]> {
    return this.volumes;
  }
  async listNetworks(): Promise<LabelledObject[]> {
    return [];
  }
  async removeContainer(id: string): Promise<void> {
    if (this.failing.has(id)) throw new Error('busy');
    this.removed.push(`container ${id}`);
  }
  async removeVolume(name: string): Promise<void> {
    this.removed.push(`volume ${name}`);
  }
  async removeNetwork(id: string): Promise<void> {
    this.removed.push(`network ${id}`);
  }
}

test('only objects of dead owners are reaped by default', (t) => {
  const options = { mode: 'orphans' as const, self, probe };
  t.true(shouldReap(ours('a', dead), options));
  t.false(shouldReap(ours('b', live), options));
  t.false(shouldReap(ours('c', self), options));
  t.false(shouldReap(ours('d', { ...dead, host: 'other-box' }), options));
  t.false(shouldReap(ours('e'), options), 'objects without an owner are left for clean --all');
  t.false(shouldReap({ ...ours('f', dead), 'dev.dynaudit.tool': 'someone-else' }, options));
});

test('all mode takes every object with our tool label and nothing else', (t) => {
  const options = { mode: 'all' as const, self, probe };
  t.true(shouldReap(ours('b', live), options));
  t.true(shouldReap(ours('e'), options));
  t.false(shouldReap({ 'com.example': 'x' }, options));
});

test('mine mode takes exactly the objects of this process', (t) => {
  const options = { mode: 'mine' as const, self, probe };
  t.true(shouldReap(ours('c', self), options));
  t.false(shouldReap(ours('b', live), options));
  t.false(shouldReap(ours('a', dead), options));
});

test('the reaper lists by our label, removes containers before volumes and names the runs it cleaned', async (t) => {
  const engine = new FakeInventory(
    [
      { id: 'c-dead', labels: ours('run-dead', dead) },
      { id: 'c-live', labels: ours('run-live', live) },
    ],
    [
      { id: 'v-dead', labels: ours('run-dead', dead) },
      { id: 'v-live', labels: ours('run-live', live) },
    ],
  );
  const result = await reapLeftovers(engine, { mode: 'orphans', self, probe });
  t.deepEqual(engine.removed, ['list dev.dynaudit.tool=dynaudit', 'container c-dead', 'volume v-dead']);
  t.deepEqual(result.runs, ['run-dead']);
  t.is(result.kept, 2);
});

test('a removal that fails is a warning and the others still go', async (t) => {
  const engine = new FakeInventory(
    [
      { id: 'c1', labels: ours('r1', dead) },
      { id: 'c2', labels: ours('r2', dead) },
    ],
    [],
  );
  engine.failing.add('c1');
  const warnings: string[] = [];
  const result = await reapLeftovers(engine, { mode: 'orphans', self, probe, onWarning: (message) => warnings.push(message) });
  t.deepEqual(result.containers, ['c2']);
  t.is(warnings.length, 1);
  t.regex(warnings[0] ?? '', /could not remove container c1: busy/);
});
