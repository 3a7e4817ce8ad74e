/**
 * `--queue URL` on the commands that analyze: the queue of this analyzer
 * build and sandbox image, opened only when asked for (BullMQ and Redis stay
 * out of local runs), and what the pipeline needs from it.
 */
import type { Config } from '../common/config.js';
import type { AnalyzeDependencies } from '../pipeline/analyze/analyze-package.js';
import type { OpenBatchRunner } from '../pipeline/lockfile/batch-runner.js';
import type { Progress } from '../pipeline/progress.js';
import { sandboxIdentity } from '../pipeline/session/sandbox-identity.js';
import type { JobQueue } from '../queue/index.js';

export interface QueueClient {
  readonly queue: JobQueue;
  readonly openBatchRunner: OpenBatchRunner;
  /** `analyze`'s analysis of a registry package by a worker. */
  treeAnalyzer(progress: Progress, signal: AbortSignal): NonNullable<AnalyzeDependencies['analyzeTree']>;
  /** The URL without its password. */
  readonly where: string;
}

export async function openQueueClient(url: string, config: Config): Promise<QueueClient> {
  const { openJobQueue, queueBatchRunner, queueName, queueTreeAnalyzer, redactUrl, settingsOf } = await import('../queue/index.js');
  const queue = await openJobQueue(url, queueName(await sandboxIdentity(config)));
  return {
    queue,
    openBatchRunner: queueBatchRunner({ queue, settings: settingsOf(config), jobSize: config.queueJobSize }),
    treeAnalyzer: (progress, signal) => queueTreeAnalyzer(queue, config, progress, signal),
    where: redactUrl(url),
  };
}
