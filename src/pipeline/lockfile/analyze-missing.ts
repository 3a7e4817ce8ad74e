/**
 * Analyzes the packages of a lockfile run that the store did not have.
 * Tarballs are fetched by name, version and integrity; then, in batch mode,
 * one sandbox takes them all. A batch whose tree npm cannot lay out is
 * split in two and each half tried again (down to one package), so one odd
 * subtree costs a few more sandboxes, not one per package. A package the
 * batch could not place or whose import its loader never reached is
 * analyzed alone (a batch of its own dependency closure), and so is every
 * package a shared batch found anything on (confirm-findings.ts): its
 * report is the one from alone, and what it did not show alone is kept as
 * an unattributed finding of the lockfile. Isolated mode analyzes each
 * package as `analyze` does.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DynauditError, isDynauditError } from '../../common/errors.js';
import { runPool } from '../../common/run-pool.js';
import { fetchPackages } from '../../lockfile/fetch-packages.js';
import type { LockPackage } from '../../lockfile/types.js';
import { defaultRegistryUrl } from '../../resolve/default-registry.js';
import { exportTarballs } from '../../resolve/cache-export.js';
import { sharedRegistryClient } from '../registry-access.js';
import { ensureSandboxImage } from '../../sandbox/sandbox-image.js';
import { analyzeBatch, type BatchInput } from '../batch/analyze-batch.js';
import { DEFAULT_CHUNK_SIZE } from '../batch/batch-imports.js';
import { importOrder } from '../batch/import-order.js';
import { throwIfAborted } from '../interrupt.js';
import { planFakenet } from '../network/fakenet-stage.js';
import type { SandboxContext } from '../session/analyze-in-sandbox.js';
import { analyzeIsolated } from './analyze-isolated.js';
import { dependencyClosure } from './dependency-closure.js';
import { errorReport, finish, judged, type LockfileRun } from './lockfile-run.js';
import { toStored } from './lockfile-store.js';
import type { ResultSink } from './package-result.js';
import { needsConfirmation, unattributed, unconfirmedFindings, type HeldResult } from './confirm-findings.js';
import { buildReport } from '../judge/build-report.js';
import type { StoredAnalysis } from '../../store/result-store.js';

export async function analyzeMissing(run: LockfileRun, todo: readonly LockPackage[]): Promise<void> {
  const { config, engine, progress, store } = run.deps;
  const { signal } = run.options;
  await engine.ping();
  const log = (message: string): void => progress.log(message);
  const image = await ensureSandboxImage(engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: log });
  const fakenet = await planFakenet(engine, config, image, log);
  await mkdir(config.workDir, { recursive: true });
  const workDir = await mkdtemp(path.join(config.workDir, 'lockfile-'));
  try {
    const cacheDir = path.join(workDir, 'cache');
    const needed = run.options.mode === 'batch' ? dependencyClosure(run.graph.packages, todo) : [...todo];
    log(`fetching ${needed.length} tarball(s) by name, version and integrity from the registry`);
    const fetched = await fetchPackages(needed, { client: sharedRegistryClient(config), concurrency: 8 });
    throwIfAborted(signal);
    await exportTarballs(fetched.integrity.values(), config.npmCacheDir, cacheDir);
    const byId = new Map(todo.map((pkg) => [pkg.id, pkg]));
    for (const [id, error] of fetched.failures) if (byId.has(id)) finish(run, id, errorReport(byId.get(id)!, error));
    const ready = todo.filter((pkg) => fetched.integrity.has(pkg.id));
    const context: SandboxContext = { sandbox: run.deps.sandbox, config, image, fakenet, progress: log, runId: run.options.runId ?? randomBytes(4).toString('hex') };
    const verified = fetched.integrity;
    const keep = (pkg: LockPackage, stored: StoredAnalysis): void => {
      store.put(stored, verified.has(pkg.id) ? [verified.get(pkg.id)!] : []);
      finish(run, pkg.id, judged(run, pkg, stored, false));
    };
    const held: HeldResult[] = [];
    const sink: ResultSink = (id, result) => {
      const pkg = byId.get(id)!;
      const stored = toStored(pkg, result, run.identity, 'package');
      const report = buildReport(stored, run.policy, run.failOn);
      if (result.sharedBatch && needsConfirmation(report)) held.push({ pkg, stored, report, loadedBefore: result.sharedBatch.loadedBefore });
      else keep(pkg, stored);
    };
    if (run.options.mode === 'isolated') {
      await analyzeAlone(run, ready, fetched.integrity, context, sink);
    } else {
      const batch = { run, context, sink, input: { graph: run.graph, integrity: fetched.integrity, cacheDir, workDir } };
      await batchWithFallback(batch, ready);
      await confirmAlone(batch, held, keep);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
  throwIfAborted(signal);
}

interface Batch {
  readonly run: LockfileRun;
  readonly context: SandboxContext;
  readonly sink: ResultSink;
  readonly input: Omit<BatchInput, 'todo' | 'workDir'> & { readonly workDir: string };
}

/** One batch of `todo`; on a tree npm cannot lay out, each half again; what a batch leaves over, alone. */
async function batchWithFallback(batch: Batch, todo: readonly LockPackage[]): Promise<void> {
  const { run, context } = batch;
  if (todo.length === 0) return;
  const workDir = await mkdtemp(path.join(batch.input.workDir, 'batch-'));
  let leftovers;
  try {
    leftovers = await analyzeBatch(
      { ...batch.input, todo, workDir },
      { context, registry: context.config.registry ?? defaultRegistryUrl(), signal: run.options.signal, chunkSize: run.options.chunkSize ?? DEFAULT_CHUNK_SIZE },
      batch.sink,
    );
  } catch (error) {
    if (run.options.signal.aborted || !isDynauditError(error) || error.code !== 'E_SANDBOX') throw error;
    const left = todo.filter((pkg) => !run.reports.has(pkg.id));
    if (left.length <= 1) {
      for (const pkg of left) finish(run, pkg.id, errorReport(pkg, error));
      return;
    }
    const ordered = importOrder(left);
    const half = Math.ceil(ordered.length / 2);
    context.progress(`warning: a batch of ${left.length} package(s) failed (${error.message}); trying each half of it on its own`);
    await batchWithFallback(batch, ordered.slice(0, half));
    await batchWithFallback(batch, ordered.slice(half));
    return;
  } finally {
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
  const alone = todo.filter((pkg) => (leftovers.unplaced.includes(pkg.id) || leftovers.notRun.includes(pkg.id)) && !run.reports.has(pkg.id));
  if (alone.length === 0) return;
  if (todo.length === 1) {
    for (const pkg of alone) finish(run, pkg.id, errorReport(pkg, new DynauditError('E_SANDBOX', 'its import never ran, even alone in a sandbox')));
    return;
  }
  context.progress(`${alone.length} package(s) analyzed alone: ${alone.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`);
  await runPool(alone, context.config.concurrency, run.options.signal, (pkg) => batchWithFallback(batch, [pkg]));
}

/** Each held batch result analyzed again alone; what does not come back becomes an unattributed finding of the lockfile. */
async function confirmAlone(batch: Batch, held: readonly HeldResult[], keep: (pkg: LockPackage, stored: StoredAnalysis) => void): Promise<void> {
  const { run, context } = batch;
  if (held.length === 0) return;
  context.progress(`confirming ${held.length} package(s) the batch found something on, each alone: ${held.map(({ pkg }) => `${pkg.name}@${pkg.version}`).join(', ')}`);
  const byId = new Map(run.graph.packages.map((pkg) => [pkg.id, pkg]));
  await runPool(held, context.config.concurrency, run.options.signal, async (result) => {
    await batchWithFallback(batch, [result.pkg]);
    const alone = run.reports.get(result.pkg.id);
    if (alone === undefined || !('findings' in alone)) {
      context.progress(`warning: ${result.pkg.name}@${result.pkg.version} could not be analyzed alone; its batch report stands`);
      keep(result.pkg, result.stored);
      return;
    }
    const own = new Set(dependencyClosure(run.graph.packages, [result.pkg]).map((pkg) => pkg.id));
    run.unattributed.push(...unattributed(result, unconfirmedFindings(result.report, alone), byId, own));
  });
}

/** Isolated mode: each package resolved from the registry and analyzed as `analyze` does it. */
async function analyzeAlone(
  run: LockfileRun,
  todo: readonly LockPackage[],
  integrity: ReadonlyMap<string, string>,
  context: SandboxContext,
  sink: ResultSink,
): Promise<void> {
  const { config, store } = run.deps;
  if (todo.length === 0) return;
  context.progress(`${todo.length} package(s) analyzed alone, ${config.concurrency} sandbox(es) at a time`);
  const byId = new Map(todo.map((pkg) => [pkg.id, pkg]));
  await analyzeIsolated(todo, integrity, { context, concurrency: config.concurrency, signal: run.options.signal }, (id, outcome) => {
    const pkg = byId.get(id)!;
    if (outcome instanceof DynauditError) return finish(run, id, errorReport(pkg, outcome));
    store.put(toStored(pkg, outcome.tree, run.identity, 'tree', outcome.tree.installScripts, outcome.tree.versions), pkg.integrity ? [pkg.integrity] : []);
    sink(id, outcome.own);
  });
}
