/**
 * `dynaudit lockfile`: wiring (config, store, Docker, progress on stderr,
 * Ctrl-C). An interrupted run removes its sandboxes and keeps what
 * finished in the store, so the next run continues from there.
 */
import { randomBytes } from 'node:crypto';
import type { Environment } from '../common/config.js';
import { analyzeLockfile } from '../pipeline/lockfile/analyze-lockfile.js';
import { formatLockfileJson, formatLockfileText } from '../report/format-lockfile.js';
import { SqliteResultStore } from '../store/sqlite-result-store.js';
import { configFor } from './command-config.js';
import { exitCodeFor } from './exit-code.js';
import { exitAfterInterrupt, interruptible } from './interrupt.js';
import type { Command } from './parse-args.js';
import { ProgressReporter } from './progress-reporter.js';
import { sandboxStack } from './sandbox-stack.js';

type LockfileCommand = Extract<Command, { kind: 'lockfile' }>;

export async function runLockfileCommand(command: LockfileCommand, env: Environment, color: boolean): Promise<number> {
  const config = configFor(command, env);
  const reporter = new ProgressReporter(process.stderr);
  const log = (message: string): void => reporter.log(message);
  using interrupt = interruptible(log);
  const { engine, sandbox } = sandboxStack(interrupt.signal, log);
  const store = new SqliteResultStore(config.storePath);
  const runId = randomBytes(4).toString('hex');
  const mode = command.mode ?? 'batch';
  log(`run ${runId}: ${command.lockfile}, ${mode} mode, store ${config.storePath}${command.noCache ? ' (not read: --no-cache)' : ''}`);
  try {
    const report = await analyzeLockfile(
      command.lockfile,
      {
        cwd: process.cwd(),
        noCache: command.noCache === true,
        mode,
        signal: interrupt.signal,
        runId,
        ...(command.failOn ? { failOn: command.failOn } : {}),
        ...(config.importChunkSize ? { chunkSize: config.importChunkSize } : {}),
      },
      { engine, sandbox, config, store, progress: reporter },
    );
    reporter.end();
    process.stdout.write(command.format === 'json' ? formatLockfileJson(report) : formatLockfileText(report, { color }));
    return exitCodeFor(report.summary.verdict);
  } catch (error) {
    reporter.end();
    return await exitAfterInterrupt(error, interrupt.signal, sandbox, log);
  } finally {
    store.close();
  }
}
