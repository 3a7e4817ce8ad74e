import test from 'ava';
import type { SweepRun } from '../../../src/store/sweep-history.js';
import { packageHistory } from '../../../src/sweep/package-history.js';
import { record } from './helpers.js';

const run = (id: string): SweepRun => ({
  id,
  sweep: '/s.yaml',
  startedAt: `2026-01-0${id}T00:00:00.000Z`,
  finishedAt: null,
  status: 'complete',
  owner: { host: 'h', boot: '', pid: 1, start: '' },
  verdict: 'pass',
});

test('a package has a point where it appeared and wherever its version, verdict or behaviour changed, or it went away', (t) => {
  const history = packageHistory([
    { run: run('1'), records: [record('a', '1.0.0'), record('b', '1.0.0')] },
    { run: run('2'), records: [record('a', '1.0.0'), record('b', '1.0.0')] },
    { run: run('3'), records: [record('a', '1.0.0', { hosts: ['x.example'] }), record('b', '1.1.0', { verdict: 'fail' })] },
    { run: run('4'), records: [record('a', '1.0.0', { hosts: ['x.example'] })] },
  ]);
  const points = (name: string) => history.find((entry) => entry.name === name)?.points.map((point) => `${point.run}:${point.versions.join()}:${point.verdict}:${point.behaviourChanged}`);
  t.deepEqual(points('a'), ['1:1.0.0:pass:false', '3:1.0.0:pass:true']);
  t.deepEqual(points('b'), ['1:1.0.0:pass:false', '3:1.1.0:fail:false', '4::null:false']);
});
