import test from 'ava';
import type { SweepProjectReport } from '../../../src/report/sweep-model.js';
import { summarizeSweep } from '../../../src/sweep/sweep-summary.js';

const summary = { packages: 3, analyzed: 1, cached: 2, pass: 2, warn: 0, fail: 1, error: 0, skipped: 0, unattributed: 0, verdict: 'fail', durationMs: 1 } as const;
const project = (overrides: Partial<SweepProjectReport> = {}): SweepProjectReport => ({
  name: 'web',
  lockfile: 'web/package-lock.json',
  changes: null,
  comparedWith: null,
  releases: [],
  report: { schemaVersion: 1, kind: 'lockfile', tool: { name: 'dynaudit', version: '0' }, lockfile: { path: 'x', format: 'f' }, mode: 'batch', summary, reports: [], skipped: [], unattributed: [] },
  ...overrides,
});
const failure = { project: 'web', kind: 'locked', name: 'a', version: '1.0.0', findings: [] } as const;

test('the verdict fails only for new failures; known ones warn', (t) => {
  t.like(summarizeSweep([project()], [failure], 5), { verdict: 'fail', newFailures: 1, packages: 3, fail: 1, cached: 2 });
  t.like(summarizeSweep([project()], [], 5), { verdict: 'warn', newFailures: 0 });
});

test('a project or release that could not be analyzed is an error unless something new fails', (t) => {
  const broken = project({ report: undefined, error: { code: 'E_LOCKFILE', message: 'no such file' } } as Partial<SweepProjectReport>);
  t.like(summarizeSweep([broken], [], 5), { verdict: 'error', error: 1, packages: 0 });
  t.like(summarizeSweep([broken], [failure], 5), { verdict: 'fail' });
  const lookup = { name: 'a', locked: '1.0.0', version: null, why: 'wanted', spec: '^1', dependant: null, isNew: false, verdict: 'error', error: { code: 'E_RESOLVE', message: 'offline' } } as const;
  t.like(summarizeSweep([project({ releases: [lookup] })], [], 5), { verdict: 'error', releases: 0 });
});
