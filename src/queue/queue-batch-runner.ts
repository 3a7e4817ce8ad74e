/**
 * `--queue` for lockfile batches: the run's packages go to the workers in
 * jobs of up to `jobSize` (consecutive in import order, so a package and
 * its dependencies tend to share a job), all sent at once; halves, alone
 * runs and confirmations go as jobs of their own. Each job's results come
 * back together, once, and the caller stores and judges them as if its own
 * sandboxes had made them. A package another run's job is analyzing (or
 * analyzed within the day) is not sent again: its result comes from there.
 */
import { DynauditError } from '../common/errors.js';
import type { LockPackage } from '../lockfile/types.js';
import { importOrder } from '../pipeline/batch/import-order.js';
import type { BatchOutcome, OpenBatchRunner } from '../pipeline/lockfile/batch-runner.js';
import { identityOf } from '../pipeline/lockfile/lockfile-run.js';
import type { ResultSink } from '../pipeline/lockfile/package-result.js';
import { JobFailedError, type JobQueue } from './job-queue.js';
import { jobLogger } from './job-log.js';
import { batchJob, jobId, packageKey, slices, type AnalysisSettings, type BatchJob } from './queue-jobs.js';

export interface QueueRunnerOptions {
  readonly queue: JobQueue;
  readonly settings: AnalysisSettings;
  /** Packages per job at most. */
  readonly jobSize: number;
}

export function queueBatchRunner(options: QueueRunnerOptions): OpenBatchRunner {
  return async (run, todo) => {
    const log = (message: string): void => run.deps.progress.log(message);
    const { signal } = run.options;
    const workers = await options.queue.workerCount();
    const firstBatches = slices(importOrder(todo), options.jobSize);
    log(`sending ${todo.length} package(s) to the queue in ${firstBatches.length} job(s) of up to ${options.jobSize}; ${workers} worker(s) connected${workers === 0 ? ' (the jobs wait for one)' : ''}`);
    /** Sends the packages as one job; a shared batch claims them, so other runs wait for it instead of analyzing them again. */
    const send = async (batch: readonly LockPackage[], sink: ResultSink): Promise<BatchOutcome> => {
      const job = batchJob(run.graph, batch, { identity: run.identity, executed: run.executed }, options.settings);
      const label = `job ${jobId(job).slice(6, 14)} (${batch.length} package(s))`;
      const claims = batch.length > 1 ? batch.map((pkg) => packageKey(pkg, identityOf(run, pkg), options.settings)) : [];
      const startedAt = Date.now();
      let result;
      try {
        result = await options.queue.run(job, signal, jobLogger(label, log), claims);
      } catch (error) {
        if (!(error instanceof JobFailedError)) throw error;
        const { code, message } = error.failure;
        if (code === 'E_SANDBOX') throw new DynauditError('E_SANDBOX', `${message} (on a worker)`);
        throw new DynauditError('E_QUEUE', `its job failed on the queue after up to ${error.attempts} attempt(s): ${code}: ${message}`);
      }
      log(`${label}: ${result.results.length} result(s) back after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      for (const [id, packageResult] of result.results) sink(id, packageResult);
      return {
        unplaced: result.unplaced,
        notRun: result.notRun,
        unowned: result.unowned,
        failed: new Map(result.failed.map(([id, failure]) => [id, new DynauditError(failure.code, failure.message)])),
      };
    };
    /**
     * A shared batch leaves out the packages other runs' jobs have claimed and
     * takes their results from those jobs once they finish; a package such a
     * job did not analyze after all is left over (the orchestration sends it
     * alone). Alone batches are never left out: confirmations must run alone.
     */
    const runBatch = async (batch: readonly LockPackage[], sink: ResultSink): Promise<BatchOutcome> => {
      const keys = new Map(batch.map((pkg) => [packageKey(pkg, identityOf(run, pkg), options.settings), pkg]));
      const owners = batch.length > 1 ? await options.queue.owners([...keys.keys()]) : new Map<string, string>();
      const elsewhere = new Map<string, LockPackage[]>();
      for (const [key, owner] of owners) elsewhere.set(owner, [...(elsewhere.get(owner) ?? []), keys.get(key)!]);
      const theirs = Promise.all(
        [...elsewhere].map(async ([owner, pkgs]) => {
          log(`${pkgs.length} package(s) are in job ${owner.slice(6, 14)} of another run already; using its results`);
          const result = await options.queue.resultOf<BatchJob>(owner, signal);
          return pkgs.map((pkg) => [pkg, result?.results.find(([id]) => id === pkg.id)?.[1]] as const);
        }),
      );
      theirs.catch(() => undefined);
      const own = batch.filter((pkg) => !owners.has(packageKey(pkg, identityOf(run, pkg), options.settings)));
      // On a failure of our own job the others' results are dropped: the halves claim and take them again.
      const outcome = own.length > 0 ? await send(own, sink) : { unplaced: [], notRun: [], unowned: [], failed: new Map<string, DynauditError>() };
      const taken = (await theirs).flat();
      for (const [pkg, result] of taken) if (result) sink(pkg.id, result);
      return { ...outcome, notRun: [...outcome.notRun, ...taken.filter(([, result]) => !result).map(([pkg]) => pkg.id)] };
    };
    return {
      ready: todo,
      failures: new Map(),
      firstBatches,
      parallel: Number.POSITIVE_INFINITY,
      run: runBatch,
      async [Symbol.asyncDispose]() {
        if (!signal.aborted) return;
        const { removed, running } = await options.queue.withdraw();
        log(`interrupted: ${removed} job(s) taken back from the queue; ${running} already running finish on their workers (their results are kept a day: the same command picks them up)`);
      },
    };
  };
}
