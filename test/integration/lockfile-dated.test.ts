/**
 * Batch mode (the default of `dynaudit lockfile`) loads every package again
 * with the clock 3 and 7 days ahead, as `analyze` does: a payload that waits
 * six days after its install is caught in a lockfile too, on the package
 * that carries it, in the loading a week ahead; one that waits a day skips
 * ahead in its window, and one quiet in CI acts in the loading that looks
 * like a developer's machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { LockfilePackageReport, LockfileReport } from '../../src/report/lockfile-model.js';
import { packFolder, startFixtureRegistry, writeLockfile, type FixtureRegistry } from '../helpers/fixture-registry.js';
import { fixturePackage, runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-dated-it-'));
let registry: FixtureRegistry;
let lockfile: string;

test.before(async () => {
  const packages = await Promise.all(['time-dated-payload', 'benign', 'time-beacon-day', 'evasion-ci-quiet'].map((name) => packFolder(fixturePackage(name), path.join(dir, 'pack'))));
  registry = await startFixtureRegistry(packages);
  lockfile = writeLockfile(path.join(dir, 'app'), packages, packages);
});

test.after.always(async () => {
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a batch loads each package today, 3 and 7 days ahead, and catches a payload dated a week ahead there, one that waits a day and one quiet in CI', async (t) => {
  const result = await runCli(['lockfile', lockfile, '--format', 'json', '--store', path.join(dir, 'batch.sqlite'), '--timeout', '20'], { env: { DYNAUDIT_REGISTRY: registry.url } });
  t.is(result.exitCode, 1, result.stderr);
  const report = JSON.parse(result.stdout) as LockfileReport;
  const by = (name: string) => report.reports.find((entry) => entry.package.name === `dynaudit-fixture-${name}`) as LockfilePackageReport;
  const loadings = (name: string) => by(name).phases.map((phase) => `${phase.name}${phase.daysAhead ? ` +${phase.daysAhead} d` : ''} ${phase.status}`);
  // Both are the app's direct dependencies: executed too, on today's clock, between today's loading and the dated ones (as analyze orders them).
  for (const name of ['time-dated-payload', 'benign']) t.deepEqual(loadings(name), ['install completed', 'import completed', 'execute completed', 'import +3 d completed', 'import +7 d completed'], name);
  t.is(by('time-dated-payload').verdict, 'fail');
  const wakes = (by('time-dated-payload').observed.http ?? []).filter((request) => request.host === 'dormant.dynaudit-test.example');
  t.is(wakes.length, 1, 'not today, not three days ahead: a week ahead');
  t.like(wakes[0], { phase: 'import', path: '/wake?after=6d', attribution: { package: 'dynaudit-fixture-time-dated-payload', via: 'import' } });
  t.is(by('benign').verdict, 'pass');
  const requestsOf = (name: string, host: string) => (by(name).observed.http ?? []).filter((request) => request.host === host);
  t.is(by('time-beacon-day').verdict, 'fail');
  t.like(requestsOf('time-beacon-day', 'late.dynaudit-test.example')[0], { phase: 'import', path: '/beacon?after=1d', attribution: { package: 'dynaudit-fixture-time-beacon-day', via: 'import' } });
  t.is(by('evasion-ci-quiet').verdict, 'fail');
  t.is(requestsOf('evasion-ci-quiet', 'laptop-sync.dynaudit-test.example').length, 1, 'only in the loading three days ahead, without the CI variables');
});
