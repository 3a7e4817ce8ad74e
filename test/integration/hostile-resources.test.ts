/**
 * Packages that attack the analyzer's resources. Each run must end with a
 * report in bounded time, its phases marked as they really ended, a finding
 * naming the abuse, and nothing of it left behind (containers, volumes, host
 * processes). Short phase timeouts keep the suite inside CI's budget.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { hostProcesses, leftoversOf, startCli } from '../helpers/cli-process.js';
import { fixturePackage } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-hostile-it-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

const TIMEOUT = 15;
/** Generous: the phases' time limits, the sandbox's start and clean-up, and a busy machine. */
const BOUND_MS = (4 * TIMEOUT + 150) * 1000;

interface Analysis {
  readonly exitCode: number | null;
  readonly report: AnalysisReport;
  readonly durationMs: number;
}

async function analyzeHostile(t: ExecutionContext, fixture: string, env: NodeJS.ProcessEnv = {}, timeout = TIMEOUT): Promise<Analysis> {
  const args = ['analyze', fixturePackage(fixture), '--format', 'json', '--no-fakenet', '--no-cache', '--timeout', String(timeout)];
  const cli = startCli([...args, '--store', path.join(dir, 'results.sqlite')], env);
  const result = await cli.done;
  t.log(`${fixture}: ${(result.durationMs / 1000).toFixed(1)} s`);
  let report: AnalysisReport;
  try {
    report = JSON.parse(result.stdout) as AnalysisReport;
  } catch {
    throw new Error(`no JSON report (exit ${result.exitCode}); stderr:\n${result.stderr}`);
  }
  t.true(result.durationMs < BOUND_MS, `took ${result.durationMs} ms`);
  t.deepEqual(leftoversOf(cli.pid), { containers: [], volumes: [] }, 'nothing of the run is left in Docker');
  return { exitCode: result.exitCode, report, durationMs: result.durationMs };
}

const statuses = (report: AnalysisReport): Record<string, string> => Object.fromEntries(report.phases.map((phase) => [phase.name, phase.status]));
const finding = (report: AnalysisReport, rule: string, phase = 'install') =>
  report.findings.find((candidate) => candidate.rule === rule && candidate.phase === phase);

test('a fork bomb is stopped at the process limit and reported as a process-limit finding', async (t) => {
  const { report } = await analyzeHostile(t, 'hostile-fork-bomb', { DYNAUDIT_PIDS_LIMIT: '256' });
  t.is(statuses(report).install, 'timeout');
  t.is(statuses(report).import, 'completed', 'the bomb was cleared before the next phase');
  t.like(finding(report, 'process-limit'), { category: 'resource-abuse', severity: 'high' });
  t.regex(finding(report, 'process-limit')?.summary ?? '', /reached the limit of 256 processes: \d+ fork\(s\) refused/);
  t.is(report.verdict, 'fail');
});

test('a memory hog is killed by the OOM killer at the memory limit and reported as a memory-limit finding', async (t) => {
  const { report } = await analyzeHostile(t, 'hostile-memory-hog', { DYNAUDIT_MEMORY_MB: '512' }, 60);
  t.is(statuses(report).install, 'failed', 'npm saw its script killed');
  const memory = finding(report, 'memory-limit');
  t.like(memory, { category: 'resource-abuse', attribution: { package: 'dynaudit-fixture-hostile-memory-hog', via: 'lifecycle-script' } });
  t.regex(memory?.summary ?? '', /reached the memory limit of 512 MiB: the kernel killed \d+ process\(es\) \(pid \d+ \(node hog\.js\)/);
});

test('a CPU spin forever is killed at the time limit and reported as a time-limit finding naming it', async (t) => {
  const { report } = await analyzeHostile(t, 'hostile-cpu-spin');
  t.is(statuses(report).install, 'timeout');
  t.regex(finding(report, 'time-limit')?.summary ?? '', /still running after [\d.]+ s, then killed: .*node spin\.js/);
});

test('filling the work dir and /tmp stops at their size in memory and never touches the host disk', async (t) => {
  const available = (): number => Number(execFileSync('df', ['-B1', '--output=avail', '/var/lib/docker'], { encoding: 'utf8' }).split('\n')[1]);
  const before = available();
  const { report } = await analyzeHostile(t, 'hostile-disk-fill', { DYNAUDIT_DISK_MB: '128' });
  const used = before - available();
  t.log(`host disk: ${(used / 2 ** 20).toFixed(0)} MiB less free during the run (the fixture tries 6 GiB)`);
  t.true(used < 1024 ** 3, `the host lost ${used} bytes of disk`);
  t.is(statuses(report).install, 'completed', 'the writes failed with ENOSPC and the script went on');
  const filled = report.findings.filter((candidate) => candidate.rule === 'disk-limit').map((candidate) => candidate.summary);
  t.deepEqual(filled.sort(), ['fills the disk (filled /home/runner (128 MiB))', 'fills the disk (filled /tmp (128 MiB))']);
});

test('a gigabyte on stdout and stderr is read and dropped: a bounded report and an output-flood finding', async (t) => {
  // A time limit the flood's install can finish within on a loaded machine: an install cut short leaves nothing to import.
  const { report } = await analyzeHostile(t, 'hostile-output-flood', {}, 60);
  for (const phase of ['install', 'import'] as const) {
    t.regex(finding(report, 'output-flood', phase)?.summary ?? '', /printed \d+ MiB on stdout and stderr/, phase);
  }
  for (const phase of report.phases) t.true((phase.outputTail ?? '').length <= 4001, `${phase.name}: the report keeps a short tail`);
});

test('a script that ignores SIGTERM is killed at the time limit anyway, with nothing left running', async (t) => {
  const { report } = await analyzeHostile(t, 'hostile-ignores-sigterm');
  t.is(statuses(report).install, 'timeout');
  t.regex(finding(report, 'time-limit')?.summary ?? '', /node stubborn\.js/);
  t.deepEqual(hostProcesses("trap '' TERM INT HUP"), []);
});

test('a detached daemon is followed until the time limit, reported as detached-process, then killed', async (t) => {
  const { report } = await analyzeHostile(t, 'hostile-detached-daemon');
  t.is(statuses(report).install, 'timeout', 'the phase ended at its time limit because of the daemons');
  t.is(statuses(report).import, 'completed');
  const detached = finding(report, 'detached-process');
  t.like(detached, { category: 'evasion', severity: 'high' });
  t.regex(detached?.summary ?? '', /the phase's command exited with 0, but pid \d+ \(.*dynaudit-fixture-daemon.*\), pid \d+ .* kept running/);
  t.deepEqual(hostProcesses('dynaudit-fixture-daemon'), []);
});

test('a benign run beside a fork bomb and a CPU spin still passes with every phase completed', async (t) => {
  const store = ['--store', path.join(dir, 'beside.sqlite'), '--no-cache', '--no-fakenet', '--format', 'json'];
  const alone = await startCli(['analyze', fixturePackage('benign'), ...store]).done;
  t.log(`benign alone: ${(alone.durationMs / 1000).toFixed(1)} s`);
  const hostile = [
    startCli(['analyze', fixturePackage('hostile-fork-bomb'), ...store, '--timeout', String(TIMEOUT)], { DYNAUDIT_PIDS_LIMIT: '256' }),
    startCli(['analyze', fixturePackage('hostile-cpu-spin'), ...store, '--timeout', String(TIMEOUT)]),
  ];
  await Promise.all(hostile.map((cli) => cli.waitFor(/install phase:/)));
  const beside = await startCli(['analyze', fixturePackage('benign'), ...store, '--timeout', '120']).done;
  t.log(`benign beside a fork bomb and a CPU spin: ${(beside.durationMs / 1000).toFixed(1)} s`);
  const report = JSON.parse(beside.stdout) as AnalysisReport;
  t.is(report.verdict, 'pass', beside.stderr);
  t.deepEqual(statuses(report), { install: 'completed', import: 'completed', execute: 'completed' });
  t.true(beside.durationMs < BOUND_MS);
  for (const cli of hostile) {
    const result = await cli.done;
    t.is(result.exitCode === 0 || result.exitCode === 1, true, result.stderr);
    t.deepEqual(leftoversOf(cli.pid), { containers: [], volumes: [] });
  }
});
