/**
 * The queue as dynaudit uses it, both ends (bullmq-queue.ts implements them
 * on BullMQ and Redis): a caller submits jobs and waits for their results;
 * a worker takes jobs and hands back results. Delivery is at least once
 * (a job whose worker died is taken again); a caller accepts one result
 * per job.
 */
import type { JobFailure, JobResult, QueueJob } from './queue-jobs.js';

/** What a worker says about a job while it runs it. */
export interface JobProgress {
  readonly worker: string;
  readonly done: number;
  readonly total: number;
}

/** What happens to a submitted job, for the caller's progress lines. */
export type JobEvent =
  | { readonly kind: 'joined' }
  | { readonly kind: 'progress'; readonly progress: JobProgress }
  | { readonly kind: 'stalled' }
  | { readonly kind: 'retrying'; readonly reason: string };

/** A job that failed for good: its code and reason, and how many times it was tried. */
export class JobFailedError extends Error {
  constructor(
    readonly failure: JobFailure,
    readonly attempts: number,
  ) {
    super(failure.message);
    this.name = 'JobFailedError';
  }
}

export interface JobQueue {
  /**
   * Adds the job under its id (a job with the same id already there is
   * joined, not added again) and resolves with its result once a worker
   * finished it; rejects with JobFailedError when it failed on every
   * attempt, and with E_INTERRUPTED when `signal` aborts first.
   */
  run<J extends QueueJob>(job: J, signal: AbortSignal, onEvent: (event: JobEvent) => void, claims?: readonly string[]): Promise<JobResult<J>>;
  /**
   * Of these package keys (see packageKey), those a live job — queued,
   * running, or done with its result still kept — has claimed, with its id.
   * `run` claims the keys it is given for its job once the job is queued.
   */
  owners(keys: readonly string[]): Promise<Map<string, string>>;
  /** The result of a job another run sent, once it finished; undefined when it failed or is gone. */
  resultOf<J extends QueueJob>(id: string, signal: AbortSignal): Promise<JobResult<J> | undefined>;
  /** Workers connected to the queue now. */
  workerCount(): Promise<number>;
  /** Removes the jobs this caller added that no worker has taken yet; returns how many were removed and how many still run. */
  withdraw(): Promise<{ readonly removed: number; readonly running: number }>;
  close(): Promise<void>;
}

/** Runs one job on the worker; `signal` aborts when the worker must hand the job back (a second SIGTERM). */
export type JobHandler = (job: QueueJob, progress: (done: number, total: number) => void, signal: AbortSignal) => Promise<JobResult>;

export interface JobServer {
  /** Stops taking jobs and resolves once the running ones ended (abort the server's signal to hand them back instead of finishing them). */
  stop(): Promise<void>;
}
