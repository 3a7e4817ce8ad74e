/**
 * Batch mode (the default of `dynaudit lockfile`) runs the execute phase
 * for the project's direct dependencies, as `analyze` runs it: a function
 * an app calls that sends the key it is handed is caught in a lockfile, on
 * that package and at that call. A deeper dependency is installed and
 * imported only, and its stored analysis (kept under those phases) never
 * stands in for an execute phase once a lockfile depends on it directly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { LockfilePackageReport, LockfileReport } from '../../src/report/lockfile-model.js';
import { packFolder, startFixtureRegistry, writeLockfile, type FixtureRegistry } from '../helpers/fixture-registry.js';
import { fixturePackage, runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-lockfile-execute-it-'));
const store = path.join(dir, 'results.sqlite');
let registry: FixtureRegistry;
/** The key sender is only there: nothing the app depends on needs it. */
let deepLockfile: string;
/** The app depends on the key sender itself. */
let directLockfile: string;
/** A development-server CLI whose main is its bin, deeper down: the batch only imports it. */
let cliLockfile: string;

test.before(async () => {
  const [sender, benign, cli] = await Promise.all(['execute-key-sender', 'benign-execute-exports', 'benign-cli-main'].map((name) => packFolder(fixturePackage(name), path.join(dir, 'pack'))));
  registry = await startFixtureRegistry([sender!, benign!, cli!]);
  deepLockfile = writeLockfile(path.join(dir, 'deep-app'), [benign!], [sender!, benign!]);
  directLockfile = writeLockfile(path.join(dir, 'direct-app'), [sender!, benign!], [sender!, benign!]);
  cliLockfile = writeLockfile(path.join(dir, 'cli-app'), [benign!], [benign!, cli!]);
});

test.after.always(async () => {
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function lockfileRun(lockfile: string): Promise<{ by: (name: string) => LockfilePackageReport; report: LockfileReport; exitCode: number | null; stderr: string }> {
  const result = await runCli(['lockfile', lockfile, '--format', 'json', '--store', store, '--timeout', '30'], { env: { DYNAUDIT_REGISTRY: registry.url } });
  const report = JSON.parse(result.stdout) as LockfileReport;
  const by = (name: string) => report.reports.find((entry) => entry.package.name === `dynaudit-fixture-${name}`) as LockfilePackageReport;
  return { by, report, exitCode: result.exitCode, stderr: result.stderr };
}

const phasesOf = (entry: LockfilePackageReport): string[] => entry.phases.map((phase) => `${phase.name}${phase.daysAhead ? ` +${phase.daysAhead} d` : ''} ${phase.status}`);

test.serial('a deeper dependency is installed and imported, not executed; a direct one is executed too', async (t) => {
  const { by, report, exitCode } = await lockfileRun(deepLockfile);
  t.is(exitCode, 0, JSON.stringify(report.summary));
  t.deepEqual(phasesOf(by('execute-key-sender')), ['install completed', 'import completed', 'import +3 d completed', 'import +7 d completed']);
  t.is(by('execute-key-sender').verdict, 'pass', 'loading it does nothing');
  t.deepEqual(phasesOf(by('benign-execute-exports')), ['install completed', 'import completed', 'execute completed', 'import +3 d completed', 'import +7 d completed']);
  const calls = by('benign-execute-exports').phases.find((phase) => phase.name === 'execute')?.calls ?? [];
  t.true(calls.some((call) => call.step === 'call' && call.outcome === 'returned'), 'its functions were called');
  t.true(calls.some((call) => call.step === 'bin'), 'its bin was run');
  t.is(by('benign-execute-exports').verdict, 'pass', JSON.stringify(by('benign-execute-exports').findings));
});

test.serial('once the app depends on it, the function that sends the key it is handed fails the package, at that call; the stored run without execute does not stand in', async (t) => {
  const { by, report, exitCode, stderr } = await lockfileRun(directLockfile);
  t.is(exitCode, 1, JSON.stringify(report.summary));
  const sender = by('execute-key-sender');
  t.false(sender.cached, 'analyzed again: the stored analysis had no execute phase');
  t.true(by('benign-execute-exports').cached, 'the same package depended on the same way is read back');
  t.is(sender.verdict, 'fail');
  const leak = sender.findings.find((finding) => finding.rule === 'exfiltration');
  t.like(leak, { severity: 'critical', phase: 'execute' });
  t.regex(leak?.summary ?? '', /^sends the base58 secret key handed to a call out to collect\.dynaudit-test\.example /);
  const calls = sender.phases.find((phase) => phase.name === 'execute')?.calls ?? [];
  t.like(calls[leak?.attribution.call ?? -1], { step: 'call', target: "require('dynaudit-fixture-execute-key-sender').signTransaction", argument: 'base58-secret-key', outcome: 'returned' });
  t.false(sender.findings.some((finding) => finding.phase !== 'execute'), JSON.stringify(sender.findings));
  // What its own steps did is its own (no other package runs in its execute phase): no second run alone to confirm it.
  t.notRegex(stderr, /confirming/);
  t.deepEqual(report.unattributed, []);
});

test.serial('a dependency whose main is its bin is imported as that bin run by the chunk loader: its server and cache folder at load are warnings', async (t) => {
  const { by, report, exitCode } = await lockfileRun(cliLockfile);
  t.is(exitCode, 0, JSON.stringify(report.summary));
  const cli = by('benign-cli-main');
  t.is(cli.verdict, 'warn');
  t.deepEqual([...new Set(cli.findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.phase}`))].sort(), ['bin-server medium import', 'project-file-write medium import']);
  t.deepEqual(report.unattributed, []);
});
