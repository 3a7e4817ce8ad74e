/**
 * The orchestrator killed with SIGKILL mid-run: its containers and volumes
 * stay behind (nothing can clean up after kill -9) until `dynaudit clean` or
 * the next run's start-up reaper removes them; a run still going is never
 * touched; the result store stays whole and keeps what finished.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import test from 'ava';
import type { LockfileReport } from '../../src/report/lockfile-model.js';
import type { AnalysisReport } from '../../src/report/index.js';
import { hostProcesses, leftoversOf, startCli, type CliProcess } from '../helpers/cli-process.js';
import { fixturePackage, repoRoot, runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-crash-it-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

function spin(timeoutSeconds: number): CliProcess {
  const store = path.join(dir, `spin-${timeoutSeconds}-${Date.now()}.sqlite`);
  return startCli(['analyze', fixturePackage('hostile-cpu-spin'), '--format', 'json', '--no-fakenet', '--no-cache', '--store', store, '--timeout', String(timeoutSeconds)]);
}

/** A run killed with SIGKILL during its install phase; it throws unless the kill, not the run's end, stopped it. */
async function killedMidRun(): Promise<CliProcess> {
  const victim = spin(300);
  await victim.waitFor(/install phase:/);
  victim.child.kill('SIGKILL');
  const ended = await victim.done;
  if (ended.signal !== 'SIGKILL' || ended.stdout !== '' || /install phase (completed|failed|timeout)/.test(ended.stderr)) {
    throw new Error(`the run was not killed mid-install (exit ${ended.exitCode}, signal ${ended.signal}):\n${ended.stderr}`);
  }
  return victim;
}

test('dynaudit clean removes what a run killed with SIGKILL left, and leaves a live run alone', async (t) => {
  const live = spin(40);
  await live.waitFor(/install phase:/);
  const victim = await killedMidRun();
  const left = leftoversOf(victim.pid);
  t.is(left.containers.length, 1, 'the killed run left its sandbox container');
  t.is(left.volumes.length, 2, 'and its two volumes');

  const clean = await runCli(['clean']);
  t.is(clean.exitCode, 0, clean.stderr);
  t.regex(clean.stdout, /removed [1-9]\d* container\(s\), [2-9]\d* volume\(s\)/);
  t.deepEqual(leftoversOf(victim.pid), { containers: [], volumes: [] });
  t.is(leftoversOf(live.pid).containers.length, 1, 'the live run kept its sandbox');

  const result = await live.done;
  const report = JSON.parse(result.stdout) as AnalysisReport;
  t.is(report.phases[0]?.status, 'timeout', 'the live run ended on its own');
  t.deepEqual(leftoversOf(live.pid), { containers: [], volumes: [] });
  t.deepEqual(hostProcesses('spin.js'), []);
});

test('the next run removes what a run killed with SIGKILL left before it starts its own sandbox', async (t) => {
  const victim = await killedMidRun();
  t.is(leftoversOf(victim.pid).containers.length, 1);
  const next = await runCli(['analyze', fixturePackage('benign'), '--no-fakenet', '--no-cache', '--store', path.join(dir, 'next.sqlite')]);
  t.is(next.exitCode, 0, next.stderr);
  // (Run alone, as in CI: on a shared engine another dynaudit run may have reaped them first.)
  t.true(/removed \d+ container\(s\) and \d+ volume\(s\) left by crashed run\(s\)/.test(next.stderr), next.stderr);
  t.deepEqual(leftoversOf(victim.pid), { containers: [], volumes: [] });
  t.deepEqual(hostProcesses('spin.js'), []);
});

test('Ctrl-C during analyze removes the run\'s sandbox before exiting 130', async (t) => {
  const run = spin(300);
  await run.waitFor(/install phase:/);
  t.is(leftoversOf(run.pid).containers.length, 1);
  run.child.kill('SIGINT');
  const result = await run.done;
  t.is(result.exitCode, 130, result.stderr);
  t.regex(result.stderr, /interrupted: removing this run's sandbox/);
  t.deepEqual(leftoversOf(run.pid), { containers: [], volumes: [] });
});

test('a lockfile run killed with SIGKILL leaves a whole store that keeps every finished package', async (t) => {
  const store = path.join(dir, 'lockfile.sqlite');
  const lockfile = path.join(repoRoot, 'test', 'fixtures', 'lockfiles', 'three-small', 'package-lock.json');
  // One sandbox per package, one at a time: killed once the first is stored, while the second is being analyzed.
  const args = ['lockfile', lockfile, '--store', store, '--format', 'json', '--mode', 'isolated', '--concurrency', '1', '--no-fakenet'];
  const run = startCli(args);
  await run.waitFor(/progress: [1-9]\d*\/3/);
  const finished = Number(/progress: (\d+)\/3(?![\s\S]*progress: \d)/.exec(run.stderr())?.[1] ?? '0');
  run.child.kill('SIGKILL');
  const killed = await run.done;
  t.is(killed.signal, 'SIGKILL', 'the kill, not the end of the run, stopped it');
  t.is(killed.stdout, '', 'the killed run printed no report');

  const db = new Database(store, { readonly: true });
  t.is((db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check, 'ok');
  const stored = (db.prepare('SELECT count(DISTINCT name || version) AS n FROM analyses').get() as { n: number }).n;
  db.close();
  t.true(stored >= finished, `${stored} stored, ${finished} reported finished before the kill`);

  const again = await runCli(args);
  t.is(again.exitCode, 0, again.stderr);
  const report = JSON.parse(again.stdout) as LockfileReport;
  t.log(`killed after ${finished} of 3; the next run took ${report.summary.cached} from the store and analyzed ${report.summary.analyzed}`);
  t.true(report.summary.cached >= finished, 'every package finished before the kill came from the store');
  t.true(report.summary.analyzed <= 3 - finished, 'at most the packages not finished were analyzed again');
  t.is(report.summary.cached + report.summary.analyzed, 3);
  if (report.summary.analyzed > 0) {
    t.deepEqual(leftoversOf(run.pid), { containers: [], volumes: [] }, "the next run reaped the killed run's sandbox");
  }
});
