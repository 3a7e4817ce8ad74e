import test from 'ava';
import { reportPhase } from '../../../../src/pipeline/session/phase-report.js';
import { phaseEvents } from '../../../../src/pipeline/session/phase-events.js';
import { sessionPhases } from '../../../../src/pipeline/session/run-session.js';
import type { PhaseRun } from '../../../../src/sandbox/sandbox.js';

const clocks = (phases: Parameters<typeof sessionPhases>[0]): string[] =>
  sessionPhases(phases).map(({ name, clock }) => `${name} ${clock ? `+${clock.daysAhead} d` : 'real'}`);

test('a package is installed on the real clock, imported and executed on the fast one, then imported again 3 and 7 days ahead', (t) => {
  t.deepEqual(clocks(['install', 'import', 'execute']), ['install real', 'import +0 d', 'execute +0 d', 'import +3 d', 'import +7 d']);
});

test('without the import phase there are no dated loadings', (t) => {
  t.deepEqual(clocks(['install']), ['install real']);
  t.deepEqual(clocks(['install', 'import']), ['install real', 'import +0 d', 'import +3 d', 'import +7 d']);
});

test('the report names the days ahead of a dated loading, and nothing for today\'s', (t) => {
  const run: PhaseRun = { name: 'import', status: 'completed', exitCode: 0, durationMs: 900, startedAtMs: 1, trace: '', traceTruncated: false, stdout: '', stderr: '' };
  t.is(reportPhase({ ...run, clock: { daysAhead: 7 } }).daysAhead, 7);
  t.false('daysAhead' in reportPhase({ ...run, clock: { daysAhead: 0 } }));
  t.false('daysAhead' in reportPhase(run));
});

test('a loading days ahead lists no steps of its own: its events are the package\'s, never charged to today\'s steps', (t) => {
  const run: PhaseRun = { name: 'import', status: 'completed', exitCode: 0, durationMs: 900, startedAtMs: 1, trace: '', traceTruncated: false, stdout: '', stderr: '' };
  t.not(phaseEvents(run, 'pkg').calls, undefined);
  t.is(phaseEvents({ ...run, clock: { daysAhead: 7 } }, 'pkg').calls, undefined);
});
