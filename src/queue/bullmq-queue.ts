/**
 * The queue on BullMQ and Redis (the only file that imports them). BullMQ
 * gives the job life cycle: retries with backoff, a lock each worker keeps
 * renewing, and stalled-job detection that hands the job of a worker that
 * stopped renewing (killed, its machine lost) to another. Results are kept
 * gzipped under their own key for a day (not in the job, whose events
 * stream would copy them), so the same job sent again within a day is
 * answered from them.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { Queue, QueueEvents, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { DynauditError, isDynauditError, oneLine } from '../common/errors.js';
import { interruptedError } from '../pipeline/interrupt.js';
import { JobFailedError, type JobEvent, type JobHandler, type JobProgress, type JobQueue, type JobServer } from './job-queue.js';
import { decodeFailure, encodeFailure, isFinalFailure, jobId, type JobFailure, type JobResult, type QueueJob } from './queue-jobs.js';

const PREFIX = 'dynaudit';
const RESULT_TTL_SECONDS = 24 * 3600;
const CONNECT_TIMEOUT_MS = 10_000;
/** Three attempts, 10 s then 20 s apart; a worker that dies (stalls) twice on the same job fails it too. */
const JOB_ATTEMPTS = 3;
const JOB_OPTIONS = { attempts: JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: { age: RESULT_TTL_SECONDS }, removeOnFail: true };
/** A lock renewed every 10 s and lost after 60 s without renewal: a dead worker's job is taken again within about 90 s. */
const WORKER_OPTIONS = { lockDuration: 60_000, lockRenewTime: 10_000, stalledInterval: 30_000, maxStalledCount: 2 };

const connection = (url: string) => ({ url, maxRetriesPerRequest: null });
const resultKey = (queue: string, id: string): string => `${PREFIX}:${queue}:result:${id}`;
const claimKey = (queue: string, key: string): string => `${PREFIX}:${queue}:claim:${key}`;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, (_, auth: string) => `//${auth.includes(':') ? `${auth.split(':')[0]}:***` : '***'}@`);
}

async function reachable(ready: Promise<unknown>, url: string, lastError: () => string | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DynauditError('E_QUEUE', `cannot reach the queue at ${redactUrl(url)}: ${lastError() ?? 'no answer'}`)), CONNECT_TIMEOUT_MS);
  });
  try {
    await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Settles with the promise, or rejects with E_INTERRUPTED when the signal aborts first. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(interruptedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(interruptedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export async function openJobQueue(url: string, name: string): Promise<JobQueue> {
  let lastError: string | undefined;
  const onError = (error: Error): void => void (lastError = error.message);
  const queue = new Queue(name, { connection: connection(url), prefix: PREFIX, defaultJobOptions: JOB_OPTIONS });
  const events = new QueueEvents(name, { connection: connection(url), prefix: PREFIX });
  const results = new Redis(url, { maxRetriesPerRequest: null });
  queue.on('error', onError);
  events.on('error', onError);
  results.on('error', onError);
  const close = async (): Promise<void> => {
    await Promise.allSettled([events.close(), queue.close()]);
    results.disconnect();
  };
  try {
    await reachable(Promise.all([queue.waitUntilReady(), events.waitUntilReady(), results.ping()]), url, () => lastError);
  } catch (error) {
    await close();
    throw error;
  }
  const listeners = new Map<string, (event: JobEvent) => void>();
  const mine = new Set<string>();
  events.on('progress', ({ jobId: id, data }) => listeners.get(id)?.({ kind: 'progress', progress: data as unknown as JobProgress }));
  events.on('stalled', ({ jobId: id }) => listeners.get(id)?.({ kind: 'stalled' }));
  events.on('delayed', ({ jobId: id }) => {
    const listener = listeners.get(id);
    if (listener) void queue.getJob(id).then((job) => listener({ kind: 'retrying', reason: job?.failedReason ?? 'unknown' }), () => undefined);
  });

  /** The job's result once it finished (undefined: its result expired), or JobFailedError. */
  async function finished<J extends QueueJob>(job: Job, signal: AbortSignal): Promise<JobResult<J> | undefined> {
    let value: { key: string };
    try {
      value = (await abortable(job.waitUntilFinished(events), signal)) as { key: string };
    } catch (error) {
      if (signal.aborted || isDynauditError(error)) throw error;
      throw new JobFailedError(decodeFailure(oneLine(error)) ?? { code: 'E_QUEUE', message: oneLine(error) }, JOB_ATTEMPTS);
    }
    const stored = await results.getBuffer(value.key);
    return stored === null ? undefined : (JSON.parse(gunzipSync(stored).toString('utf8')) as JobResult<J>);
  }

  /** A job counts as an owner while it is queued, running or done with its result kept. */
  const live = async (id: string): Promise<boolean> => !['unknown', 'failed'].includes(await queue.getJobState(id));

  /** Claims the keys for the queued job (best effort: two runs racing for a stale claim may both analyze the package). */
  async function claim(id: string, keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      if ((await results.set(claimKey(name, key), id, 'PX', RESULT_TTL_SECONDS * 1000, 'NX')) === 'OK') continue;
      const owner = await results.get(claimKey(name, key));
      if (owner !== id && (owner === null || !(await live(owner)))) await results.set(claimKey(name, key), id, 'PX', RESULT_TTL_SECONDS * 1000);
    }
  }

  async function once<J extends QueueJob>(job: J, id: string, signal: AbortSignal, onEvent: (event: JobEvent) => void, claims: readonly string[]): Promise<JobResult<J> | undefined> {
    let added = (await queue.getJob(id)) as Job | undefined;
    if (added) onEvent({ kind: 'joined' });
    else {
      added = await queue.add(job.kind, job, { jobId: id });
      mine.add(id);
    }
    await claim(id, claims);
    const result = await finished<J>(added, signal);
    mine.delete(id);
    // Kept longer than its result: analyzed again.
    if (result === undefined) await added.remove().catch(() => undefined);
    return result;
  }

  return {
    async run(job, signal, onEvent, claims = []) {
      const id = jobId(job);
      listeners.set(id, onEvent);
      try {
        return (await once(job, id, signal, onEvent, claims)) ?? (await once(job, id, signal, onEvent, claims))!;
      } finally {
        listeners.delete(id);
      }
    },
    async owners(keys) {
      const owners = new Map<string, string>();
      const alive = new Map<string, boolean>();
      for (const key of keys) {
        const owner = await results.get(claimKey(name, key));
        if (owner !== null && !alive.has(owner)) alive.set(owner, await live(owner));
        if (owner !== null && alive.get(owner)) owners.set(key, owner);
      }
      return owners;
    },
    async resultOf(id, signal) {
      const job = (await queue.getJob(id)) as Job | undefined;
      if (!job) return undefined;
      try {
        return await finished(job, signal);
      } catch (error) {
        if (error instanceof JobFailedError) return undefined;
        throw error;
      }
    },
    workerCount: () => queue.getWorkersCount(),
    async withdraw() {
      let removed = 0;
      let running = 0;
      for (const id of mine) {
        const job = await queue.getJob(id);
        const state = await job?.getState();
        if (job && state !== 'active' && (await job.remove().then(() => true, () => false))) removed += 1;
        else if (state === 'active') running += 1;
      }
      mine.clear();
      return { removed, running };
    },
    close,
  };
}

function failureOf(error: unknown): JobFailure {
  return isDynauditError(error) ? { code: error.code, message: error.message } : { code: 'E_INTERNAL', message: oneLine(error) };
}

/**
 * Takes jobs from the queue, `concurrency` at a time, until stopped. When
 * `signal` aborts, the running jobs (their handlers see the signal and stop)
 * are handed back to the queue without counting as an attempt.
 */
export async function serveJobs(
  url: string,
  name: string,
  options: { readonly concurrency: number; readonly worker: string; readonly signal: AbortSignal; readonly log: (message: string) => void },
  handler: JobHandler,
): Promise<JobServer> {
  const results = new Redis(url, { maxRetriesPerRequest: null });
  let lastError: string | undefined;
  results.on('error', (error: Error) => void (lastError = error.message));
  const process = async (job: Job<QueueJob>, token?: string): Promise<{ key: string }> => {
    const startedAt = Date.now();
    options.log(`job ${job.id}: taken (attempt ${job.attemptsMade + 1}${job.stalledCounter > 0 ? `, after ${job.stalledCounter} lost worker(s)` : ''})`);
    try {
      const report = (done: number, total: number): void => void job.updateProgress({ worker: options.worker, done, total }).catch(() => undefined);
      const result = await handler(job.data, report, options.signal);
      const key = resultKey(name, job.id!);
      await results.set(key, gzipSync(JSON.stringify(result)), 'EX', RESULT_TTL_SECONDS);
      options.log(`job ${job.id}: done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      return { key };
    } catch (error) {
      if (options.signal.aborted) {
        await job.moveToWait(token);
        throw new WaitingError();
      }
      const failure = failureOf(error);
      options.log(`job ${job.id} failed (attempt ${job.attemptsMade + 1} of ${JOB_ATTEMPTS}): ${encodeFailure(failure)}`);
      throw isFinalFailure(failure.code) ? new UnrecoverableError(encodeFailure(failure)) : new Error(encodeFailure(failure));
    }
  };
  const worker = new Worker<QueueJob>(name, process, { connection: connection(url), prefix: PREFIX, concurrency: options.concurrency, ...WORKER_OPTIONS, autorun: false });
  worker.on('error', (error) => void (lastError = error.message));
  try {
    await reachable(Promise.all([worker.waitUntilReady(), results.ping()]), url, () => lastError);
  } catch (error) {
    await worker.close(true).catch(() => undefined);
    results.disconnect();
    throw error;
  }
  const running = worker.run();
  return {
    async stop() {
      await worker.close();
      await running.catch(() => undefined);
      results.disconnect();
    },
  };
}
