/**
 * `dynaudit lockfile`: wiring (store, Docker, progress on stderr, Ctrl-C).
 * The first Ctrl-C stops the run: this run's sandboxes are removed and what
 * finished stays stored, so the next run continues; a second one exits at once.
 */
import { randomBytes } from 'node:crypto';
import { buildConfig, type Environment } from '../common/config.js';
import { isDynauditError } from '../common/errors.js';
import { analyzeLockfile } from '../pipeline/analyze-lockfile.js';
import { TrackedSandbox } from '../pipeline/tracked-sandbox.js';
import { formatLockfileJson, formatLockfileText } from '../report/format-lockfile.js';
import { DockerEngine } from '../sandbox/docker-engine.js';
import { DockerSandbox } from '../sandbox/docker-sandbox.js';
import { ReapingSandbox } from '../sandbox/reaping-sandbox.js';
import { SqliteResultStore } from '../store/sqlite-result-store.js';
import { exitCodeFor } from './exit-code.js';
import type { Command } from './parse-args.js';
import { ProgressReporter } from './progress-reporter.js';

export const EXIT_INTERRUPTED = 130;

/** The result store for `analyze`, closed when the caller's scope ends. */
export function openStore(file: string): Disposable & { readonly store: SqliteResultStore } {
  const store = new SqliteResultStore(file);
  return { store, [Symbol.dispose]: () => store.close() };
}

type LockfileCommand = Extract<Command, { kind: 'lockfile' }>;

export async function runLockfileCommand(command: LockfileCommand, env: Environment, color: boolean): Promise<number> {
  const config = buildConfig(env, {
    policyFiles: command.policyFiles,
    ...(command.timeoutSeconds ? { timeoutSeconds: command.timeoutSeconds } : {}),
    ...(command.runtime ? { runtime: command.runtime } : {}),
    ...(command.storePath ? { storePath: command.storePath } : {}),
    ...(command.concurrency ? { concurrency: command.concurrency } : {}),
    ...(command.noVendorHosts ? { vendorHosts: false } : {}),
  });
  const reporter = new ProgressReporter(process.stderr);
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    reporter.log('interrupted: removing this run\'s sandboxes; finished results stay in the store (Ctrl-C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const store = new SqliteResultStore(config.storePath);
  const engine = new DockerEngine();
  const docker = new DockerSandbox(engine, (message) => reporter.log(`warning: ${message}`));
  const sandbox = new TrackedSandbox(new ReapingSandbox(docker, engine, (message) => reporter.log(message)), controller.signal);
  const runId = randomBytes(4).toString('hex');
  const mode = command.mode ?? 'batch';
  reporter.log(`run ${runId}: ${command.lockfile}, ${mode} mode, store ${config.storePath}${command.noCache ? ' (not read: --no-cache)' : ''}`);
  try {
    const report = await analyzeLockfile(
      command.lockfile,
      { cwd: process.cwd(), noCache: command.noCache === true, mode, signal: controller.signal, runId, ...(command.failOn ? { failOn: command.failOn } : {}) },
      { engine, sandbox, config, store, progress: reporter },
    );
    reporter.end();
    process.stdout.write(command.format === 'json' ? formatLockfileJson(report) : formatLockfileText(report, { color }));
    return exitCodeFor(report.summary.verdict);
  } catch (error) {
    reporter.end();
    if (!controller.signal.aborted && !(isDynauditError(error) && error.code === 'E_INTERRUPTED')) throw error;
    await sandbox.disposeAll();
    process.stderr.write(`dynaudit: interrupted; ${sandbox.started} sandbox(es) of run ${runId} removed; run the same command again to continue\n`);
    return EXIT_INTERRUPTED;
  } finally {
    store.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
