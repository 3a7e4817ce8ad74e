/**
 * The wiring `sweep` and `diff` share, both made of several lockfile runs:
 * the store, Docker (only touched when something must be analyzed), the
 * run id every container is labelled with, progress on stderr and the one
 * interrupt path (Ctrl-C: sandboxes removed, finished work stays stored,
 * exit 130).
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../common/config.js';
import type { LockfileOptions } from '../pipeline/lockfile/lockfile-run.js';
import type { RunsDependencies } from '../pipeline/release/analyze-release.js';
import { SqliteResultStore } from '../store/sqlite-result-store.js';
import { exitAfterInterrupt, interruptible } from './interrupt.js';
import type { RunOptions } from './args/run-options.js';
import { RunsProgressReporter } from './runs-progress.js';
import { sandboxStack } from './sandbox-stack.js';

export interface RunsStack {
  readonly options: LockfileOptions;
  readonly deps: RunsDependencies & { readonly store: SqliteResultStore };
  readonly progress: RunsProgressReporter;
}

export async function withRunsStack(
  command: RunOptions & { readonly mode?: LockfileOptions['mode'] },
  config: Config,
  body: (stack: RunsStack) => Promise<number>,
): Promise<number> {
  const progress = new RunsProgressReporter(process.stderr);
  const log = (message: string): void => progress.log(message);
  using interrupt = interruptible(log);
  const { engine, sandbox } = sandboxStack(interrupt.signal, log);
  const store = new SqliteResultStore(config.storePath);
  const runId = randomBytes(4).toString('hex');
  log(`containers labelled run ${runId}; store ${config.storePath}${command.noCache ? ' (not read: --no-cache)' : ''}`);
  const options: LockfileOptions = {
    cwd: process.cwd(),
    noCache: command.noCache === true,
    mode: command.mode ?? 'batch',
    signal: interrupt.signal,
    runId,
    ...(command.failOn ? { failOn: command.failOn } : {}),
    ...(config.importChunkSize ? { chunkSize: config.importChunkSize } : {}),
  };
  try {
    const code = await body({ options, deps: { engine, sandbox, config, store, progress }, progress });
    progress.end();
    return code;
  } catch (error) {
    progress.end();
    return await exitAfterInterrupt(error, interrupt.signal, sandbox, log);
  } finally {
    store.close();
  }
}
