import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { buildConfig } from '../../../../src/common/config.js';
import { DynauditError } from '../../../../src/common/errors.js';
import type { TraceEvent } from '../../../../src/events/types.js';
import { readLockfileFile } from '../../../../src/lockfile/read-lockfile.js';
import { toStored } from '../../../../src/pipeline/lockfile/lockfile-store.js';
import { executedPackages, packageIdentity } from '../../../../src/pipeline/lockfile/lockfile-phases.js';
import type { LockfileProgress } from '../../../../src/pipeline/lockfile/lockfile-run.js';
import { sandboxIdentity } from '../../../../src/pipeline/session/sandbox-identity.js';
import { TrackedSandbox } from '../../../../src/pipeline/session/tracked-sandbox.js';
import { runSweep } from '../../../../src/pipeline/sweep/run-sweep.js';
import type { RegistryClient } from '../../../../src/resolve/registry-client.js';
import type { ContainerEngine } from '../../../../src/sandbox/container-engine.js';
import type { Owner } from '../../../../src/sandbox/owner.js';
import type { Sandbox } from '../../../../src/sandbox/sandbox.js';
import { SqliteResultStore } from '../../../../src/store/sqlite-result-store.js';
import type { SweepConfig } from '../../../../src/sweep/sweep-config.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/lockfiles');
const LOCKFILE = path.join(FIXTURES, 'pnpm-lock.yaml');
const noEngine = new Proxy({}, { get: () => () => Promise.reject(new Error('no engine in unit tests')) }) as ContainerEngine;
const noSandbox: Sandbox = { start: () => Promise.reject(new Error('a sandbox was started')) };
const silent: LockfileProgress = { start: () => {}, done: () => {}, log: () => {} };
const ME: Owner = { host: 'h', boot: 'b', pid: 1, start: '1' };
const SWEEP: SweepConfig = {
  file: '/srv/nightly.yaml',
  projects: [{ name: 'app', lockfile: LOCKFILE, manifest: path.join(FIXTURES, 'package.json') }],
  watch: { enabled: true, transitive: 0, releases: 5 },
  policyFiles: [],
};

const dnsLookup: TraceEvent = {
  kind: 'dns', phase: 'install', pid: 42, timestampMs: 1, ok: true, name: 'exfil.example', type: 'A', server: '127.0.0.53',
  attribution: { package: 'bufferutil', via: 'lifecycle-script' },
};

/** A registry whose every package has nothing newer than what is locked; chalk cannot be asked. */
function registry(asked: string[]): RegistryClient {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    manifest: unused,
    tarball: unused,
    extract: unused,
    async packument(name) {
      asked.push(name);
      if (name === 'chalk') throw new DynauditError('E_RESOLVE', 'registry down for chalk');
      return { name, distTags: { latest: '0.0.1' }, versions: { '0.0.1': {} }, time: {} };
    },
  };
}

async function setUp(t: import('ava').ExecutionContext): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-sweep-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'results.sqlite');
  const identity = await sandboxIdentity(buildConfig({}));
  const store = new SqliteResultStore(file);
  const graph = await readLockfileFile(LOCKFILE);
  // Stored as a batch keys them: the direct dependencies with their execute phase, the rest without.
  const executed = executedPackages(graph, identity, 'batch');
  for (const pkg of graph.packages) {
    const phases = [{ name: 'install' as const, status: 'completed' as const, durationMs: 1, exitCode: 0 }];
    const result = { phases, events: pkg.name === 'bufferutil' ? [dnsLookup] : [], hasInstallScript: false, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, fakenet: { enabled: true } };
    store.put(toStored(pkg, result, packageIdentity(identity, executed, pkg), 'package'));
  }
  store.close();
  return file;
}

async function sweep(file: string, options: { asked?: string[]; isGone?: boolean; failing?: boolean; counted?: { gets: number } } = {}) {
  const controller = new AbortController();
  const store = new SqliteResultStore(file);
  const results = options.counted
    ? Object.assign(Object.create(store) as SqliteResultStore, { get: (...args: Parameters<SqliteResultStore['get']>) => (options.counted!.gets++, store.get(...args)) })
    : store;
  try {
    return await runSweep(SWEEP, { cwd: process.cwd(), noCache: false, mode: 'batch', signal: controller.signal }, {
      engine: noEngine,
      sandbox: new TrackedSandbox(noSandbox, controller.signal),
      config: buildConfig({}),
      store: results,
      history: store.history(),
      registry: registry(options.asked ?? []),
      progress: {
        log: () => {},
        run: () => {
          if (options.failing) throw new Error('engine went away');
          return silent;
        },
      },
      owner: { self: ME, isGone: () => options.isGone ?? true },
      now: () => new Date(),
    });
  } finally {
    store.close();
  }
}

test('a first sweep of stored packages needs no sandbox, watches the direct dependencies and counts every failure as new', async (t) => {
  const asked: string[] = [];
  const report = await sweep(await setUp(t), { asked });
  t.like(report, { kind: 'sweep', summary: { packages: 18, cached: 18, newFailures: 1, verdict: 'fail' } });
  t.deepEqual(asked.sort(), ['@sindresorhus/is', 'bufferutil', 'chalk', 'debug', 'fsevents', 'ms', 'string-width']);
  t.is(report.projects[0]?.changes, null);
  t.deepEqual(report.newFailures.map((failure) => `${failure.name}@${failure.version}`), ['bufferutil@4.0.8']);
  t.deepEqual(report.projects[0]?.releases.map((release) => [release.name, release.verdict, release.error?.code]), [['chalk', 'error', 'E_RESOLVE']]);
});

test('the next sweep compares with the first: nothing new fails, and no stored events are read again', async (t) => {
  const file = await setUp(t);
  await sweep(file);
  const counted = { gets: 0 };
  const report = await sweep(file, { counted });
  t.like(report.summary, { newFailures: 0, fail: 1, verdict: 'error' });
  t.deepEqual(report.projects[0]?.changes, { newPackages: [], newVersions: [], removedPackages: [], verdictChanges: [], newBehaviour: [], newReleases: [] });
  t.is(counted.gets, 0);
});

test('a sweep that stops part-way leaves its run to resume; a run whose process lives makes the next one busy', async (t) => {
  const file = await setUp(t);
  await t.throwsAsync(sweep(file, { failing: true }), { message: 'engine went away' });
  const resumed = await sweep(file);
  t.true(resumed.sweep.resumed);
  const store = new SqliteResultStore(file);
  const history = store.history();
  history.begin(SWEEP.file, { ...ME, pid: 2 }, () => true, new Date().toISOString());
  store.close();
  const error = await t.throwsAsync(sweep(file, { isGone: false }), { instanceOf: DynauditError });
  t.is(error?.code, 'E_SWEEP');
  t.regex(error?.message ?? '', /is already running \(run [0-9a-f]{12}, pid 2 on h\)/);
});
