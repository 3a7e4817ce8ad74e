/**
 * `dynaudit lockfile`: every package of a lockfile judged, each analysis
 * taken from the result store when there is one for the same tarball,
 * analyzer and sandbox, the rest analyzed (batch or isolated mode) and
 * stored one by one as they finish, so an interrupted run loses at most
 * what was in flight and the next run continues from there.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../common/config.js';
import { DynauditError, isDynauditError } from '../common/errors.js';
import { analyzerVersion } from '../common/package-root.js';
import type { Severity } from '../events/finding.js';
import { fetchPackages } from '../lockfile/fetch-packages.js';
import { readLockfileFile } from '../lockfile/read-lockfile.js';
import type { LockfileGraph, LockPackage } from '../lockfile/types.js';
import { loadPolicies, type Policy } from '../policy/index.js';
import { overallVerdict, type LockfileEntryReport, type LockfileReport } from '../report/lockfile-model.js';
import { platformText, SANDBOX_PLATFORM, supportsPlatform } from '../resolve/index.js';
import { platformEvent } from './limit-events.js';
import { createPacoteClient } from '../resolve/registry-client.js';
import type { ContainerEngine } from '../sandbox/container-engine.js';
import type { Sandbox, SandboxOptions } from '../sandbox/sandbox.js';
import { ensureSandboxImage, sandboxImageTag } from '../sandbox/sandbox-image.js';
import type { ResultStore, StoredAnalysis } from '../store/result-store.js';
import { analyzeBatch } from './batch-analysis.js';
import { dependencyClosure } from './dependency-closure.js';
import { throwIfAborted } from './interrupt.js';
import { analyzeIsolated } from './isolated-analysis.js';
import { defaultRegistryUrl } from '../resolve/default-registry.js';
import { judgeAnalysis } from './judge-analysis.js';
import { judgeKey, policyHash } from './judge-key.js';
import { lookupPackage, storeKey, toStored, type SandboxIdentity } from './lockfile-store.js';
import type { ResultSink } from './package-result.js';

export const LOCKFILE_MODES = ['batch', 'isolated'] as const;
export type LockfileMode = (typeof LOCKFILE_MODES)[number];

export interface LockfileOptions {
  readonly cwd: string;
  readonly failOn?: Severity;
  readonly noCache: boolean;
  readonly mode: LockfileMode;
  readonly signal: AbortSignal;
  /** Label of every container of this run (Ctrl-C removes them by it). */
  readonly runId?: string;
}

/** Progress of a run as packages finish (the CLI draws it on stderr). */
export interface LockfileProgress {
  start(total: number): void;
  done(report: LockfileEntryReport): void;
  log(message: string): void;
}

export interface LockfileDependencies {
  readonly engine: ContainerEngine;
  readonly sandbox: Sandbox;
  readonly config: Config;
  readonly store: ResultStore;
  readonly progress: LockfileProgress;
  /** Judges an analysis (injectable for tests); judgeAnalysis by default. */
  readonly judge?: typeof judgeAnalysis;
}

interface Run {
  readonly graph: LockfileGraph;
  readonly options: LockfileOptions;
  readonly deps: LockfileDependencies;
  readonly identity: SandboxIdentity;
  readonly policy: Policy;
  readonly failOn: Severity;
  /** Hash of the effective policy and failOn: judged reports are kept under it. */
  readonly policyHash: string;
  readonly reports: Map<string, LockfileEntryReport>;
}

function finish(run: Run, id: string, report: LockfileEntryReport): void {
  run.reports.set(id, report);
  run.deps.progress.done(report);
}

/** Judges the analysis and keeps the report beside it, so the same policy reads it back next time. */
function judged(run: Run, pkg: LockPackage, stored: StoredAnalysis, cached: boolean): LockfileEntryReport {
  const report = (run.deps.judge ?? judgeAnalysis)(stored, run.policy, run.failOn);
  run.deps.store.putJudged(stored.key, judgeKey(run.policyHash, pkg), report);
  return { ...report, cached };
}

/** The stored report judged under the same policy, or the stored analysis judged now; undefined when nothing is stored. */
function fromStore(run: Run, pkg: LockPackage, integrity: string): LockfileEntryReport | undefined {
  const report = run.deps.store.getJudged(storeKey(integrity, run.identity), judgeKey(run.policyHash, pkg));
  if (report) return { ...report, cached: true };
  const stored = lookupPackage(run.deps.store, pkg, integrity, run.identity);
  return stored ? judged(run, pkg, stored, true) : undefined;
}

function errorReport(pkg: LockPackage, error: DynauditError): LockfileEntryReport {
  const pkgInfo = { name: pkg.name, version: pkg.version, integrity: pkg.integrity ?? '', source: 'registry' };
  return { schemaVersion: 1, package: pkgInfo, verdict: 'error', error: { code: error.code, message: error.message }, cached: false };
}

export async function analyzeLockfile(file: string, options: LockfileOptions, deps: LockfileDependencies): Promise<LockfileReport> {
  const startedAt = Date.now();
  const lockPath = path.resolve(options.cwd, file);
  const graph = await readLockfileFile(lockPath);
  const policy = await loadPolicies(deps.config.policyFiles);
  const identity = { analyzerVersion: analyzerVersion(), image: await sandboxImageTag(deps.config.imagesDir), runtime: deps.config.runtime ?? 'runc' };
  const failOn = options.failOn ?? policy.failOn;
  const run: Run = { graph, options, deps, identity, policy, failOn, policyHash: policyHash(policy, failOn), reports: new Map() };
  const todo: LockPackage[] = [];
  // Packages built for another platform are analyzed too, their platform check overridden (a platform-override finding).
  const packages = graph.packages;
  const skipped = graph.skipped;
  deps.progress.start(packages.length);
  for (const pkg of packages) {
    const report = options.noCache || pkg.integrity === null ? undefined : fromStore(run, pkg, pkg.integrity);
    if (report) finish(run, pkg.id, report);
    else todo.push(pkg);
  }
  if (todo.length > 0) await analyzeMissing(run, todo);
  const reports = packages.map((pkg) => run.reports.get(pkg.id)).filter((report): report is LockfileEntryReport => report !== undefined);
  const count = (verdict: string): number => reports.filter((report) => report.verdict === verdict).length;
  return {
    schemaVersion: 1,
    kind: 'lockfile',
    tool: { name: 'dynaudit', version: identity.analyzerVersion },
    lockfile: { path: file, format: graph.format },
    mode: options.mode,
    summary: {
      packages: packages.length,
      analyzed: reports.filter((report) => !report.cached && report.verdict !== 'error').length,
      cached: reports.filter((report) => report.cached).length,
      pass: count('pass'),
      warn: count('warn'),
      fail: count('fail'),
      error: count('error'),
      skipped: skipped.length,
      verdict: overallVerdict(reports),
      durationMs: Date.now() - startedAt,
    },
    reports,
    skipped,
  };
}

async function analyzeMissing(run: Run, todo: readonly LockPackage[]): Promise<void> {
  const { config, engine, progress, store } = run.deps;
  const { signal } = run.options;
  await engine.ping();
  const image = await ensureSandboxImage(engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: (m) => progress.log(m) });
  await mkdir(config.workDir, { recursive: true });
  const workDir = await mkdtemp(path.join(config.workDir, 'lockfile-'));
  try {
    const cacheDir = path.join(workDir, 'cache');
    const client = createPacoteClient({ cacheDir, ...(config.registry ? { registry: config.registry } : {}) });
    const needed = run.options.mode === 'batch' ? dependencyClosure(run.graph.packages, todo) : [...todo];
    progress.log(`fetching ${needed.length} tarball(s) by name, version and integrity from the registry`);
    const fetched = await fetchPackages(needed, { client, concurrency: 8 });
    throwIfAborted(signal);
    const byId = new Map(todo.map((pkg) => [pkg.id, pkg]));
    for (const [id, error] of fetched.failures) if (byId.has(id)) finish(run, id, errorReport(byId.get(id)!, error));
    const ready = todo.filter((pkg) => fetched.integrity.has(pkg.id));
    const sandboxOptions: SandboxOptions = {
      image,
      runId: run.options.runId ?? randomBytes(4).toString('hex'),
      timeoutSeconds: config.timeoutSeconds,
      memoryBytes: config.memoryBytes,
      pidsLimit: config.pidsLimit,
      nanoCpus: config.nanoCpus,
      ...(config.runtime ? { runtime: config.runtime } : {}),
    };
    const sink: ResultSink = (id, result) => {
      const pkg = byId.get(id)!;
      const platform = supportsPlatform(pkg, SANDBOX_PLATFORM) ? [] : [platformEvent(pkg.name, platformText(pkg), Date.parse(result.startedAt))];
      const stored = toStored(pkg, { ...result, events: [...result.events, ...platform] }, run.identity, 'package');
      store.put(stored, result.integrity ? [result.integrity] : []);
      finish(run, id, judged(run, byId.get(id)!, stored, false));
    };
    let alone = run.options.mode === 'isolated' ? ready : [];
    if (run.options.mode === 'batch' && ready.length > 0) {
      try {
        const unplaced = new Set(
          await analyzeBatch(
            { graph: run.graph, todo: ready, integrity: fetched.integrity, cacheDir, workDir },
            { sandbox: run.deps.sandbox, sandboxOptions, registry: config.registry ?? defaultRegistryUrl(), parallel: config.concurrency, signal, progress: (m) => progress.log(m) },
            sink,
          ),
        );
        alone = ready.filter((pkg) => unplaced.has(pkg.id));
      } catch (error) {
        if (signal.aborted || !isDynauditError(error) || error.code !== 'E_SANDBOX') throw error;
        progress.log(`warning: the batch failed (${error.message}); analyzing the rest one sandbox per package`);
        alone = ready.filter((pkg) => !run.reports.has(pkg.id));
      }
    }
    if (alone.length > 0) {
      progress.log(`${alone.length} package(s) analyzed alone, ${config.concurrency} sandbox(es) at a time`);
      await analyzeIsolated(alone, fetched.integrity, { sandbox: run.deps.sandbox, sandboxOptions, workDir, ...(config.registry ? { registry: config.registry } : {}), concurrency: config.concurrency, signal }, (id, outcome) => {
        const pkg = byId.get(id)!;
        if (outcome instanceof DynauditError) return finish(run, id, errorReport(pkg, outcome));
        store.put(toStored(pkg, outcome.tree, run.identity, 'tree', outcome.tree.installScripts, outcome.tree.versions), pkg.integrity ? [pkg.integrity] : []);
        sink(id, outcome.own);
      });
    }
  } finally {
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
  throwIfAborted(signal);
}
