/**
 * Where the batches of a lockfile run are analyzed: in this machine's
 * sandboxes (local-batch-runner.ts) or by workers behind a queue
 * (src/queue). The orchestration around them — halves of a batch npm cannot
 * lay out, packages a batch left over analyzed alone, shared-batch findings
 * confirmed alone — is the same for both (analyze-missing.ts).
 */
import type { DynauditError } from '../../common/errors.js';
import type { LockPackage } from '../../lockfile/types.js';
import type { BatchLeftovers } from '../batch/analyze-batch.js';
import type { LockfileRun } from './lockfile-run.js';
import type { ResultSink } from './package-result.js';

/** What a batch could not analyze, and the packages it found could not be analyzed at all (a tarball the worker could not fetch). */
export interface BatchOutcome extends BatchLeftovers {
  readonly failed: ReadonlyMap<string, DynauditError>;
}

export interface BatchRunner extends AsyncDisposable {
  /** The packages it can analyze: a local runner leaves out those whose tarball it could not fetch (see `failures`). */
  readonly ready: readonly LockPackage[];
  readonly failures: ReadonlyMap<string, DynauditError>;
  /** The first batches of `ready`: one for a local runner, a chunk per job for workers. */
  readonly firstBatches: readonly (readonly LockPackage[])[];
  /** Batches run at once (alone runs and confirmations). */
  readonly parallel: number;
  /**
   * Analyzes the batch, handing each package to `sink` once. Throws E_SANDBOX
   * when the batch as a whole could not run (its halves are tried), E_QUEUE
   * when a worker job failed on every attempt (its packages are errors).
   */
  run(todo: readonly LockPackage[], sink: ResultSink): Promise<BatchOutcome>;
}

/** Opens the runner for a run's packages (the CLI injects one for `--queue`). */
export type OpenBatchRunner = (run: LockfileRun, todo: readonly LockPackage[]) => Promise<BatchRunner>;
