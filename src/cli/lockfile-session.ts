/**
 * What `lockfile` and `approve` share around an analysis of lockfile
 * packages: config, store, Docker, progress on stderr and the interrupt
 * path. An interrupted run removes its sandboxes and keeps what finished in
 * the store, so the next run continues from there.
 */
import { randomBytes } from 'node:crypto';
import type { Config, Environment } from '../common/config.js';
import type { LockfileDependencies, LockfileMode, LockfileOptions } from '../pipeline/lockfile/lockfile-run.js';
import { SqliteResultStore } from '../store/sqlite-result-store.js';
import { configFor } from './command-config.js';
import { exitAfterInterrupt, interruptible } from './interrupt.js';
import type { RunOptions } from './args/run-options.js';
import { ProgressReporter } from './progress-reporter.js';
import { openQueueClient, type QueueClient } from './queue-client.js';
import { sandboxStack } from './sandbox-stack.js';

export interface LockfileSession {
  readonly config: Config;
  readonly reporter: ProgressReporter;
  readonly options: Omit<LockfileOptions, 'only'>;
  readonly deps: LockfileDependencies;
}

/** Runs `body` with the session; returns its exit code, or 130 after Ctrl-C. `describe` names the run on stderr. */
export async function inLockfileSession(
  command: RunOptions & { readonly mode?: LockfileMode },
  env: Environment,
  describe: string,
  body: (session: LockfileSession) => Promise<number>,
): Promise<number> {
  const mode = command.mode ?? 'batch';
  const config = configFor(command, env);
  const reporter = new ProgressReporter(process.stderr);
  const log = (message: string): void => reporter.log(message);
  using interrupt = interruptible(log);
  const { engine, sandbox } = sandboxStack(interrupt.signal, log);
  const store = new SqliteResultStore(config.storePath);
  const runId = randomBytes(4).toString('hex');
  let client: QueueClient | undefined;
  try {
    client = command.queue ? await openQueueClient(command.queue, config) : undefined;
    log(`run ${runId}: ${describe}, ${mode} mode, store ${config.storePath}${command.noCache ? ' (not read: --no-cache)' : ''}${client ? `, analyses by the workers of ${client.where}` : ''}`);
    const options: LockfileSession['options'] = {
      cwd: process.cwd(),
      noCache: command.noCache === true,
      mode,
      signal: interrupt.signal,
      runId,
      ...(command.failOn ? { failOn: command.failOn } : {}),
      ...(config.importChunkSize ? { chunkSize: config.importChunkSize } : {}),
    };
    const deps = { engine, sandbox, config, store, progress: reporter, ...(client ? { openBatchRunner: client.openBatchRunner } : {}) };
    return await body({ config, reporter, options, deps });
  } catch (error) {
    reporter.end();
    return await exitAfterInterrupt(error, interrupt.signal, sandbox, log);
  } finally {
    store.close();
    await client?.queue.close();
  }
}
