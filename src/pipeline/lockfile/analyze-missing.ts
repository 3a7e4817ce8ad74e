/**
 * Analyzes the packages of a lockfile run that the store did not have.
 * Tarballs are fetched by name, version and integrity; then, in batch mode,
 * one sandbox takes them all (with `--queue`, workers take them, a chunk
 * per job: see batch-runner.ts). A batch whose tree npm cannot lay out is
 * split in two and each half tried again (down to one package), so one odd
 * subtree costs a few more sandboxes, not one per package. A package the
 * batch could not place or whose import its loader never reached is
 * analyzed alone (a batch of its own dependency closure), and so is every
 * package a shared batch found anything on (confirm-findings.ts): its
 * report is the one from alone, and what it did not show alone is kept as
 * an unattributed finding of the lockfile. Isolated mode analyzes each
 * package as `analyze` does.
 */
import { DynauditError, isDynauditError } from '../../common/errors.js';
import { runPool } from '../../common/run-pool.js';
import type { LockPackage } from '../../lockfile/types.js';
import { importOrder } from '../batch/import-order.js';
import { throwIfAborted } from '../interrupt.js';
import type { SandboxContext } from '../session/analyze-in-sandbox.js';
import { analyzeIsolated } from './analyze-isolated.js';
import type { BatchRunner } from './batch-runner.js';
import { dependencyClosure } from '../../lockfile/dependency-closure.js';
import { openLocalRunner, type LocalBatchRunner } from './local-batch-runner.js';
import { errorReport, finish, identityOf, judged, type LockfileRun } from './lockfile-run.js';
import { toStored } from './lockfile-store.js';
import type { ResultSink } from './package-result.js';
import { needsConfirmation, unattributed, unconfirmedFindings, type HeldResult } from './confirm-findings.js';
import { buildReport } from '../judge/build-report.js';
import { platformText, SANDBOX_PLATFORM } from '../../resolve/index.js';
import { supportsPlatform } from '../../resolve/plan-fetches.js';
import { platformEvent } from '../session/limit-events.js';
import type { StoredAnalysis } from '../../store/result-store.js';

export async function analyzeMissing(run: LockfileRun, todo: readonly LockPackage[]): Promise<void> {
  const { config, engine, progress, store } = run.deps;
  const { signal } = run.options;
  const log = (message: string): void => progress.log(message);
  const local = (): ReturnType<typeof openLocalRunner> =>
    openLocalRunner({ config, engine, sandbox: run.deps.sandbox, progress: log, graph: run.graph, executed: run.executed, mode: run.options.mode, signal, ...(run.options.runId ? { runId: run.options.runId } : {}), ...(run.options.chunkSize ? { chunkSize: run.options.chunkSize } : {}) }, todo);
  const remote = run.options.mode === 'batch' ? run.deps.openBatchRunner : undefined;
  await using runner: BatchRunner | LocalBatchRunner = remote ? await remote(run, todo) : await local();
  const byId = new Map(todo.map((pkg) => [pkg.id, pkg]));
  for (const [id, error] of runner.failures) finish(run, id, errorReport(byId.get(id)!, error));
  // The sha512 each package was analyzed under: its store entry is found by it too (a lockfile may record a weaker integrity).
  const verified = new Map<string, string>();
  const keep = (pkg: LockPackage, stored: StoredAnalysis): void => {
    store.put(stored, verified.has(pkg.id) ? [verified.get(pkg.id)!] : []);
    finish(run, pkg.id, judged(run, pkg, stored, false));
  };
  const held: HeldResult[] = [];
  const sink: ResultSink = (id, result) => {
    const pkg = byId.get(id)!;
    if (result.integrity) verified.set(id, result.integrity);
    const platform = supportsPlatform(pkg, SANDBOX_PLATFORM) ? [] : [platformEvent(pkg.name, platformText(pkg), Date.parse(result.startedAt))];
    const stored = toStored(pkg, { ...result, events: [...result.events, ...platform] }, identityOf(run, pkg), 'package');
    const report = buildReport(stored, run.policy, run.failOn);
    if (result.sharedBatch && needsConfirmation(report)) held.push({ pkg, stored, report, loadedBefore: result.sharedBatch.loadedBefore });
    else keep(pkg, stored);
  };
  if (run.options.mode === 'isolated' && isLocal(runner)) {
    await analyzeAlone(run, runner.ready, runner.integrity, runner.context, sink);
  } else {
    const batch = { run, runner, sink };
    await runPool(runner.firstBatches, runner.firstBatches.length, signal, (first) => batchWithFallback(batch, first));
    await confirmAlone(batch, held, keep);
  }
  throwIfAborted(signal);
}

function isLocal(runner: BatchRunner): runner is LocalBatchRunner {
  return 'context' in runner;
}

interface Batch {
  readonly run: LockfileRun;
  readonly runner: BatchRunner;
  readonly sink: ResultSink;
}

/** One batch of `todo`; on a tree npm cannot lay out, each half again; what a batch leaves over, alone. */
async function batchWithFallback(batch: Batch, todo: readonly LockPackage[]): Promise<void> {
  const { run, runner } = batch;
  const log = (message: string): void => run.deps.progress.log(message);
  if (todo.length === 0) return;
  let leftovers;
  try {
    leftovers = await runner.run(todo, batch.sink);
  } catch (error) {
    if (run.options.signal.aborted || !isDynauditError(error) || (error.code !== 'E_SANDBOX' && error.code !== 'E_QUEUE')) throw error;
    const left = todo.filter((pkg) => !run.reports.has(pkg.id));
    if (left.length <= 1 || error.code === 'E_QUEUE') {
      for (const pkg of left) finish(run, pkg.id, errorReport(pkg, error));
      return;
    }
    const ordered = importOrder(left);
    const half = Math.ceil(ordered.length / 2);
    log(`warning: a batch of ${left.length} package(s) failed (${error.message}); trying each half of it on its own`);
    await batchWithFallback(batch, ordered.slice(0, half));
    await batchWithFallback(batch, ordered.slice(half));
    return;
  }
  for (const [id, error] of leftovers.failed) finish(run, id, errorReport(todo.find((pkg) => pkg.id === id)!, error));
  const alone = todo.filter((pkg) => (leftovers.unplaced.includes(pkg.id) || leftovers.notRun.includes(pkg.id)) && !run.reports.has(pkg.id));
  if (alone.length === 0) return;
  if (todo.length === 1) {
    for (const pkg of alone) finish(run, pkg.id, errorReport(pkg, new DynauditError('E_SANDBOX', 'its import never ran, even alone in a sandbox')));
    return;
  }
  log(`${alone.length} package(s) analyzed alone: ${alone.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`);
  await runPool(alone, runner.parallel, run.options.signal, (pkg) => batchWithFallback(batch, [pkg]));
}

/** Each held batch result analyzed again alone; what does not come back becomes an unattributed finding of the lockfile. */
async function confirmAlone(batch: Batch, held: readonly HeldResult[], keep: (pkg: LockPackage, stored: StoredAnalysis) => void): Promise<void> {
  const { run, runner } = batch;
  const log = (message: string): void => run.deps.progress.log(message);
  if (held.length === 0) return;
  log(`confirming ${held.length} package(s) the batch found something on, each alone: ${held.map(({ pkg }) => `${pkg.name}@${pkg.version}`).join(', ')}`);
  const byId = new Map(run.graph.packages.map((pkg) => [pkg.id, pkg]));
  await runPool(held, runner.parallel, run.options.signal, async (result) => {
    await batchWithFallback(batch, [result.pkg]);
    const alone = run.reports.get(result.pkg.id);
    if (alone === undefined || !('findings' in alone)) {
      log(`warning: ${result.pkg.name}@${result.pkg.version} could not be analyzed alone; its batch report stands`);
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
    store.put(toStored(pkg, outcome.tree, identityOf(run, pkg), 'tree', outcome.tree.installScripts, outcome.tree.versions), pkg.integrity ? [pkg.integrity] : []);
    sink(id, outcome.own);
  });
}
