import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { buildConfig } from '../../../../src/common/config.js';
import { DynauditError } from '../../../../src/common/errors.js';
import type { LockPackage } from '../../../../src/lockfile/types.js';
import { analyzeLockfile } from '../../../../src/pipeline/lockfile/analyze-lockfile.js';
import type { BatchOutcome, OpenBatchRunner } from '../../../../src/pipeline/lockfile/batch-runner.js';
import type { LockfileProgress } from '../../../../src/pipeline/lockfile/lockfile-run.js';
import type { ResultSink } from '../../../../src/pipeline/lockfile/package-result.js';
import { TrackedSandbox } from '../../../../src/pipeline/session/tracked-sandbox.js';
import type { ContainerEngine } from '../../../../src/sandbox/container-engine.js';
import { SqliteResultStore } from '../../../../src/store/sqlite-result-store.js';
import { cleanResult as clean } from './clean-result.js';

// What a runner that is not this machine's sandboxes (queue workers) can hand back, and how the orchestration takes it.
const LOCKFILE = path.resolve(import.meta.dirname, '../../../fixtures/lockfiles/npm-v3.package-lock.json');
const noEngine = new Proxy({}, { get: () => () => Promise.reject(new Error('no engine in unit tests')) }) as ContainerEngine;
const silent: LockfileProgress = { start: () => {}, done: () => {}, log: () => {} };
const nothingLeft: BatchOutcome = { unplaced: [], notRun: [], unowned: [], failed: new Map() };

/** A runner whose batches of two are one job each; `run` decides what each batch yields. */
function runner(run: (batch: readonly LockPackage[], sink: ResultSink) => Promise<BatchOutcome>, batches: string[][] = []): OpenBatchRunner {
  return async (_run, todo) => {
    const firstBatches = [];
    for (let start = 0; start < todo.length; start += 2) firstBatches.push(todo.slice(start, start + 2));
    return { ready: todo, failures: new Map(), firstBatches, parallel: Infinity, run: (batch, sink) => (batches.push(batch.map((pkg) => pkg.name)), run(batch, sink)), [Symbol.asyncDispose]: async () => {} };
  };
}

async function analyze(openBatchRunner: OpenBatchRunner) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-runner-'));
  const controller = new AbortController();
  const store = new SqliteResultStore(path.join(dir, 'results.sqlite'));
  try {
    const sandbox = new TrackedSandbox({ start: () => Promise.reject(new Error('a sandbox was started')) }, controller.signal);
    return await analyzeLockfile(
      LOCKFILE,
      { cwd: process.cwd(), noCache: false, mode: 'batch', signal: controller.signal },
      { engine: noEngine, sandbox, config: buildConfig({}), store, progress: silent, openBatchRunner },
    );
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('every package of every batch a runner hands back is stored and judged, no sandbox here', async (t) => {
  const report = await analyze(runner(async (batch, sink) => (batch.forEach((pkg) => sink(pkg.id, clean(pkg))), nothingLeft)));
  t.like(report.summary, { packages: 18, analyzed: 18, pass: 17, warn: 1, error: 0 });
});

test('a job that failed on every attempt makes its packages errors with the reason; the other jobs count', async (t) => {
  const report = await analyze(
    runner(async (batch, sink) => {
      if (batch.some((pkg) => pkg.name === 'chalk')) throw new DynauditError('E_QUEUE', 'its job failed on the queue after up to 3 attempt(s): job stalled more than allowable limit');
      batch.forEach((pkg) => sink(pkg.id, clean(pkg)));
      return nothingLeft;
    }),
  );
  const errors = report.reports.filter((entry) => entry.verdict === 'error');
  t.is(errors.length, 2);
  t.true(errors.some((entry) => entry.package.name === 'chalk'));
  t.true(errors.every((entry) => 'error' in entry && entry.error.code === 'E_QUEUE' && /stalled more than allowable limit/.test(entry.error.message)));
  t.like(report.summary, { packages: 18, pass: 15, error: 2 });
});

test('a package whose tarball the worker could not fetch is an error entry of its own', async (t) => {
  const report = await analyze(
    runner(async (batch, sink) => {
      const missing = batch.filter((pkg) => pkg.name === 'debug');
      batch.filter((pkg) => !missing.includes(pkg)).forEach((pkg) => sink(pkg.id, clean(pkg)));
      return { ...nothingLeft, failed: new Map(missing.map((pkg) => [pkg.id, new DynauditError('E_RESOLVE', 'fetching debug@4.3.4 failed: 404')])) };
    }),
  );
  const debug = report.reports.find((entry) => entry.package.name === 'debug');
  t.like(debug, { verdict: 'error', error: { code: 'E_RESOLVE', message: 'fetching debug@4.3.4 failed: 404' } });
  t.like(report.summary, { pass: 16, error: 1 });
});

test('a batch a worker could not run is tried again in halves', async (t) => {
  const batches: string[][] = [];
  const report = await analyze(
    runner(async (batch, sink) => {
      if (batch.length > 1 && batch.some((pkg) => pkg.name === 'chalk')) throw new DynauditError('E_SANDBOX', 'npm ci of the lockfile\'s tree failed in the sandbox (on a worker)');
      batch.forEach((pkg) => sink(pkg.id, clean(pkg)));
      return nothingLeft;
    }, batches),
  );
  t.like(report.summary, { packages: 18, pass: 17, warn: 1, error: 0 });
  t.true(batches.some((batch) => batch.length === 1 && batch[0] === 'chalk'));
});
