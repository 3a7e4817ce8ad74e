/**
 * Scale-out on a real Redis: two workers on this machine take the bench
 * app's lockfile (507 packages for Linux) from one queue; one is killed with
 * SIGKILL in the middle of a job. Its job goes to the other worker, every
 * package ends with exactly one result, and the verdicts are those of a run
 * on this machine without the queue.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { LockfileReport } from '../../src/report/lockfile-model.js';
import { leftoversOf, startCli, type CliProcess } from '../helpers/cli-process.js';
import { startRedis } from '../helpers/redis-server.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const LOCKFILE = path.join(repoRoot, 'bench', 'app', 'package-lock.json');
const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-queue-it-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

/** Each package's verdict and how its phases ended (an import that never ran is a pass with a failed phase). */
const outcomes = (report: LockfileReport): Map<string, string> =>
  new Map(report.reports.map((entry) => [`${entry.package.name}@${entry.package.version}`, [entry.verdict, ...('phases' in entry ? entry.phases.map((phase) => `${phase.name}:${phase.status}`) : [])].join(' ')]));

function startWorker(url: string, name: string): CliProcess {
  return startCli(['worker', '--queue', url], { DYNAUDIT_WORK_DIR: path.join(dir, name) });
}

test('two workers share a lockfile through Redis, one is killed mid-job, and every package gets one result with the local verdicts', async (t) => {
  t.timeout(45 * 60_000);
  const redis = await startRedis();
  t.teardown(() => redis.stop());
  const workers = [startWorker(redis.url, 'worker-a'), startWorker(redis.url, 'worker-b')];
  t.teardown(() => workers.forEach((worker) => worker.child.kill('SIGKILL')));
  await Promise.all(workers.map((worker) => worker.waitFor(/taking jobs from redis:\/\/127\.0\.0\.1/)));

  // Jobs of 128 packages: four for the lockfile, so both workers have work when one dies.
  const caller = startCli(['lockfile', LOCKFILE, '--queue', redis.url, '--format', 'json', '--store', path.join(dir, 'queue.sqlite')], {
    DYNAUDIT_QUEUE_JOB_SIZE: '128',
    DYNAUDIT_WORK_DIR: path.join(dir, 'caller'),
  });
  const victim = await Promise.race(workers.map((worker) => worker.waitFor(/import phase: \d+ package/).then(() => worker)));
  victim.child.kill('SIGKILL');
  const survivor = workers.find((worker) => worker !== victim)!;

  const queued = await caller.done;
  t.is(queued.exitCode, 0, queued.stderr);
  t.regex(queued.stderr, /its worker stopped answering; the job goes back to the queue for another worker/);
  t.regex(survivor.stderr(), /taken \(attempt 1, after 1 lost worker\(s\)\)/);
  const report = JSON.parse(queued.stdout) as LockfileReport;
  const ids = report.reports.map((entry) => `${entry.package.name}@${entry.package.version}#${entry.package.integrity}`);
  // Every package of bench/app, the one built for another platform included (analyzed, not skipped).
  t.is(report.summary.packages, 508);
  t.is(ids.length, 508);
  t.is(new Set(ids).size, 508, 'one result per package');
  t.is(report.summary.error, 0, JSON.stringify(report.reports.filter((entry) => entry.verdict === 'error')));
  // The killed worker's sandboxes were removed by the survivor before its next job.
  t.deepEqual(leftoversOf(victim.pid), { containers: [], volumes: [] });

  const local = await runCli(['lockfile', LOCKFILE, '--format', 'json', '--store', path.join(dir, 'local.sqlite')], { env: { DYNAUDIT_WORK_DIR: path.join(dir, 'local') } });
  t.is(local.exitCode, 0, local.stderr);
  t.deepEqual(outcomes(report), outcomes(JSON.parse(local.stdout) as LockfileReport));

  // A clean stop: SIGTERM, no job running, exit 0.
  survivor.child.kill('SIGTERM');
  const stopped = await survivor.done;
  t.is(stopped.exitCode, 0, stopped.stderr);
  t.regex(stopped.stderr, /worker stopped/);
});

test('a package another run already sent is not analyzed again: the second run takes the first run\'s result', async (t) => {
  t.timeout(15 * 60_000);
  const redis = await startRedis();
  t.teardown(() => redis.stop());
  const worker = startWorker(redis.url, 'worker-c');
  t.teardown(() => worker.child.kill('SIGKILL'));
  await worker.waitFor(/taking jobs from redis:\/\/127\.0\.0\.1/);
  const lockfile = path.join(repoRoot, 'test', 'fixtures', 'lockfiles', 'npm-v3.package-lock.json');
  const send = (name: string, jobSize: string): CliProcess =>
    startCli(['lockfile', lockfile, '--queue', redis.url, '--format', 'json', '--store', path.join(dir, `${name}.sqlite`)], {
      DYNAUDIT_QUEUE_JOB_SIZE: jobSize,
      DYNAUDIT_WORK_DIR: path.join(dir, name),
    });
  // One job of all 18 packages (fsevents, built for macOS, is analyzed too); the second run would cut them into other jobs (of 5), so only the claims can join them.
  const first = send('first', '18');
  await first.waitFor(/taken by worker/);
  const second = send('second', '5');
  const [one, two] = await Promise.all([first.done, second.done]);
  t.is(one.exitCode, 0, one.stderr);
  t.is(two.exitCode, 0, two.stderr);
  t.regex(two.stderr, /package\(s\) are in job [0-9a-f]{8} of another run already; using its results/);
  t.notRegex(two.stderr, /result\(s\) back after/);
  t.is(worker.stderr().match(/: taken \(attempt/g)?.length, 1, worker.stderr());
  const firstReport = JSON.parse(one.stdout) as LockfileReport;
  const secondReport = JSON.parse(two.stdout) as LockfileReport;
  t.is(secondReport.reports.length, 18);
  t.deepEqual(outcomes(secondReport), outcomes(firstReport));
});
