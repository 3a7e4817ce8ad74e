import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { buildConfig } from '../../../../src/common/config.js';
import type { TraceEvent } from '../../../../src/events/types.js';
import { readLockfileFile } from '../../../../src/lockfile/read-lockfile.js';
import { analyzeLockfile } from '../../../../src/pipeline/lockfile/analyze-lockfile.js';
import type { LockfileProgress } from '../../../../src/pipeline/lockfile/lockfile-run.js';
import { buildReport } from '../../../../src/pipeline/judge/build-report.js';
import { sandboxIdentity } from '../../../../src/pipeline/session/sandbox-identity.js';
import { toStored } from '../../../../src/pipeline/lockfile/lockfile-store.js';
import { executedPackages, packageIdentity } from '../../../../src/pipeline/lockfile/lockfile-phases.js';
import { TrackedSandbox } from '../../../../src/pipeline/session/tracked-sandbox.js';
import type { ContainerEngine } from '../../../../src/sandbox/container-engine.js';
import type { Sandbox } from '../../../../src/sandbox/sandbox.js';
import { SqliteResultStore } from '../../../../src/store/sqlite-result-store.js';

const LOCKFILE = path.resolve(import.meta.dirname, '../../../fixtures/lockfiles/pnpm-lock.yaml');
const noEngine = new Proxy({}, { get: () => () => Promise.reject(new Error('no engine in unit tests')) }) as ContainerEngine;
const noSandbox: Sandbox = { start: () => Promise.reject(new Error('a sandbox was started')) };
const silent: LockfileProgress = { start: () => {}, done: () => {}, log: () => {} };

const dnsLookup: TraceEvent = {
  kind: 'dns', phase: 'install', pid: 42, timestampMs: 1, ok: true, name: 'exfil.example', type: 'A', server: '127.0.0.53',
  attribution: { package: 'bufferutil', via: 'lifecycle-script' },
};

/** Stores an analysis of every package as batch mode keys it (a direct dependency with its execute phase); `withoutExecute` names packages stored as a run without one. */
async function storeEverything(file: string, withoutExecute: readonly string[] = []): Promise<void> {
  const config = buildConfig({});
  const identity = await sandboxIdentity(config);
  const graph = await readLockfileFile(LOCKFILE);
  const executed = executedPackages(graph, identity, 'batch');
  const store = new SqliteResultStore(file);
  for (const pkg of graph.packages) {
    const phases = [{ name: 'install' as const, status: 'completed' as const, durationMs: 1, exitCode: 0 }];
    const events = pkg.name === 'bufferutil' ? [dnsLookup] : [];
    const stored = withoutExecute.includes(pkg.name) ? { ...identity, phases: 'install,import' } : packageIdentity(identity, executed, pkg);
    store.put(toStored(pkg, { phases, events, hasInstallScript: pkg.name === 'bufferutil', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, fakenet: { enabled: true } }, stored, 'package'));
  }
  store.close();
}

async function run(file: string, failOn?: 'critical', judge: typeof buildReport = buildReport) {
  const controller = new AbortController();
  const sandbox = new TrackedSandbox(noSandbox, controller.signal);
  const store = new SqliteResultStore(file);
  try {
    const report = await analyzeLockfile(
      LOCKFILE,
      { cwd: process.cwd(), noCache: false, mode: 'batch', signal: controller.signal, ...(failOn ? { failOn } : {}) },
      { engine: noEngine, sandbox, config: buildConfig({}), store, progress: silent, judge },
    );
    return { report, started: sandbox.started };
  } finally {
    store.close();
  }
}

test('a lockfile whose every package is stored is judged without Docker, a sandbox or the registry', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-lockfile-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'results.sqlite');
  await storeEverything(file);
  const { report, started } = await run(file);
  t.is(started, 0);
  t.true(report.reports.every((entry) => entry.cached));
  // fsevents (darwin only) is analyzed like the rest: no platform escape.
  t.like(report.summary, { packages: 18, cached: 18, analyzed: 0, fail: 1, skipped: 2, verdict: 'fail' });
  t.true(report.reports.some((entry) => entry.package.name === 'fsevents'));
  t.false(report.skipped.some((entry) => entry.name === 'fsevents'));
  const bufferutil = report.reports.find((entry) => entry.package.name === 'bufferutil');
  t.is(bufferutil?.verdict, 'fail');
});

test('stored events are judged again under the current policy', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-lockfile-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'results.sqlite');
  await storeEverything(file);
  const { report, started } = await run(file, 'critical');
  t.is(started, 0);
  t.not(report.summary.verdict, 'fail');
  t.true(report.reports.find((entry) => entry.package.name === 'bufferutil')?.verdict !== 'fail');
});

test('a direct dependency stored from a run without its execute phase is analyzed again; a deep one so stored is read back', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-lockfile-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const graph = await readLockfileFile(LOCKFILE);
  const direct = graph.packages.find((pkg) => graph.roots[0]!.target === pkg.id)!;
  const deep = graph.packages.find((pkg) => !graph.roots.some((edge) => edge.target === pkg.id))!;
  await storeEverything(path.join(dir, 'deep.sqlite'), [deep.name]);
  t.is((await run(path.join(dir, 'deep.sqlite'))).started, 0);
  await storeEverything(path.join(dir, 'direct.sqlite'), [direct.name]);
  // The analysis stored without execute does not count: its package is analyzed (here the engine is missing, so it fails).
  await t.throwsAsync(run(path.join(dir, 'direct.sqlite')), { message: 'no engine in unit tests' });
});

function countingJudge(): { judge: typeof buildReport; calls: () => number } {
  let calls = 0;
  return { judge: (...args) => (calls++, buildReport(...args)), calls: () => calls };
}

test('an unchanged policy reads the judged reports back without evaluating the events again', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-lockfile-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'results.sqlite');
  await storeEverything(file);
  const first = countingJudge();
  const judgedOnce = await run(file, undefined, first.judge);
  t.is(first.calls(), 18);
  const second = countingJudge();
  const readBack = await run(file, undefined, second.judge);
  t.is(second.calls(), 0);
  t.deepEqual(
    readBack.report.reports.map((entry) => [entry.package.name, entry.verdict, entry.cached]),
    judgedOnce.report.reports.map((entry) => [entry.package.name, entry.verdict, entry.cached]),
  );
  t.is(readBack.report.reports.find((entry) => entry.package.name === 'bufferutil')?.verdict, 'fail');
});

test('a stricter fail-on after a judged run judges the stored events again', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-lockfile-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'results.sqlite');
  await storeEverything(file);
  await run(file);
  const counter = countingJudge();
  const { report } = await run(file, 'critical', counter.judge);
  t.is(counter.calls(), 18);
  t.not(report.reports.find((entry) => entry.package.name === 'bufferutil')?.verdict, 'fail');
});

test('with only a few package ids, only those are judged and reported', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-lockfile-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'results.sqlite');
  await storeEverything(file);
  const graph = await readLockfileFile(LOCKFILE);
  const only = new Set(graph.packages.filter((pkg) => pkg.name === 'bufferutil').map((pkg) => pkg.id));
  const controller = new AbortController();
  const store = new SqliteResultStore(file);
  t.teardown(() => store.close());
  const report = await analyzeLockfile(
    LOCKFILE,
    { cwd: process.cwd(), noCache: false, mode: 'batch', signal: controller.signal, only },
    { engine: noEngine, sandbox: new TrackedSandbox(noSandbox, controller.signal), config: buildConfig({}), store, progress: silent },
  );
  t.deepEqual(report.reports.map((entry) => entry.package.name), ['bufferutil']);
  t.like(report.summary, { packages: 1, cached: 1, fail: 1 });
});
