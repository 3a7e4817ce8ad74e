import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { buildConfig } from '../../../src/common/config.js';
import { readLockfileFile } from '../../../src/lockfile/read-lockfile.js';
import type { LockPackage } from '../../../src/lockfile/types.js';
import { analyzeLockfile } from '../../../src/pipeline/lockfile/analyze-lockfile.js';
import { executedPackages, packageIdentity } from '../../../src/pipeline/lockfile/lockfile-phases.js';
import { sandboxIdentity } from '../../../src/pipeline/session/sandbox-identity.js';
import { TrackedSandbox } from '../../../src/pipeline/session/tracked-sandbox.js';
import type { JobQueue } from '../../../src/queue/job-queue.js';
import { queueBatchRunner } from '../../../src/queue/queue-batch-runner.js';
import { packageKey, settingsOf, type BatchJob, type BatchJobResult, type QueueJob } from '../../../src/queue/queue-jobs.js';
import type { ContainerEngine } from '../../../src/sandbox/container-engine.js';
import { SqliteResultStore } from '../../../src/store/sqlite-result-store.js';
import { cleanResult as clean } from '../pipeline/lockfile/clean-result.js';

// The queue runner's own logic over an in-memory queue (the real one, on Redis, is in test/integration/queue-workers.test.ts).
const LOCKFILE = path.resolve(import.meta.dirname, '../../fixtures/lockfiles/npm-v3.package-lock.json');
const config = buildConfig({});
const settings = settingsOf(config);
const answer = (pkgs: readonly LockPackage[]): BatchJobResult => ({ results: pkgs.map((pkg) => [pkg.id, clean(pkg)] as const), unplaced: [], notRun: [], unowned: [], failed: [] });

/** Answers every job with clean results; `claimed` holds the package keys another run's job owns, `othersResult` what that job yields. */
function memoryQueue(claimed: ReadonlySet<string>, othersResult: readonly LockPackage[]): JobQueue & { sent: BatchJob[] } {
  const sent: BatchJob[] = [];
  return {
    sent,
    run: async <J extends QueueJob>(job: J) => {
      const batch = job as BatchJob;
      sent.push(batch);
      return answer(batch.graph.packages.filter((pkg) => batch.todo.includes(pkg.id))) as never;
    },
    owners: async (keys) => new Map(keys.filter((key) => claimed.has(key)).map((key) => [key, 'batch-0123456789abcdef'])),
    resultOf: async () => answer(othersResult) as never,
    workerCount: async () => 1,
    withdraw: async () => ({ removed: 0, running: 0 }),
    close: async () => {},
  };
}

async function analyzeWith(queue: JobQueue) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-queue-runner-'));
  const controller = new AbortController();
  const store = new SqliteResultStore(path.join(dir, 'results.sqlite'));
  try {
    return await analyzeLockfile(
      LOCKFILE,
      { cwd: process.cwd(), noCache: false, mode: 'batch', signal: controller.signal },
      {
        engine: new Proxy({}, { get: () => () => Promise.reject(new Error('no engine')) }) as ContainerEngine,
        sandbox: new TrackedSandbox({ start: () => Promise.reject(new Error('a sandbox was started')) }, controller.signal),
        config,
        store,
        progress: { start: () => {}, done: () => {}, log: () => {} },
        openBatchRunner: queueBatchRunner({ queue, settings, jobSize: 100 }),
      },
    );
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('packages another run\'s job claimed are not sent again; their results come from that job', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  const identity = await sandboxIdentity(config);
  const others = graph.packages.filter((pkg) => ['chalk', 'debug', 'ms'].includes(pkg.name));
  // Claimed under the identity each package is analyzed under: chalk and debug (direct) with execute, ms (deeper) without.
  const executed = executedPackages(graph, identity, 'batch');
  const queue = memoryQueue(new Set(others.map((pkg) => packageKey(pkg, packageIdentity(identity, executed, pkg), settings))), others);
  const report = await analyzeWith(queue);
  t.like(report.summary, { packages: 18, pass: 17, warn: 1, error: 0 });
  t.is(queue.sent.length, 1);
  t.deepEqual(queue.sent[0]!.todo.filter((id) => others.some((pkg) => pkg.id === id)), []);
  t.is(queue.sent[0]!.todo.length, 18 - others.length);
});

test('a claimed package the other job did not analyze after all is sent alone', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  const identity = await sandboxIdentity(config);
  const others = graph.packages.filter((pkg) => ['chalk', 'debug'].includes(pkg.name));
  const queue = memoryQueue(new Set(others.map((pkg) => packageKey(pkg, identity, settings))), others.filter((pkg) => pkg.name === 'chalk'));
  const report = await analyzeWith(queue);
  t.like(report.summary, { packages: 18, pass: 17, warn: 1, error: 0 });
  const debug = graph.packages.find((pkg) => pkg.name === 'debug')!;
  t.deepEqual(queue.sent.map((job) => job.todo.length), [16, 1]);
  t.deepEqual(queue.sent[1]!.todo, [debug.id]);
});
