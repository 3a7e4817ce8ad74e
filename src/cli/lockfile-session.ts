/**
 * What `lockfile` and `approve` share around an analysis of lockfile
 * packages: config, store, Docker, progress on stderr, and Ctrl-C. The first
 * Ctrl-C stops the run: this run's sandboxes are removed and what finished
 * stays stored, so the next run continues; a second one exits at once.
 */
import { randomBytes } from 'node:crypto';
import { buildConfig, type Config, type Environment } from '../common/config.js';
import { isDynauditError } from '../common/errors.js';
import type { LockfileDependencies, LockfileMode, LockfileOptions } from '../pipeline/analyze-lockfile.js';
import { TrackedSandbox } from '../pipeline/tracked-sandbox.js';
import { DockerEngine } from '../sandbox/docker-engine.js';
import { DockerSandbox } from '../sandbox/docker-sandbox.js';
import { ReapingSandbox } from '../sandbox/reaping-sandbox.js';
import { SqliteResultStore } from '../store/sqlite-result-store.js';
import { EXIT_INTERRUPTED } from './interrupt-cleanup.js';
import type { RunOptions } from './parse-args.js';
import { ProgressReporter } from './progress-reporter.js';

export interface LockfileSession {
  readonly config: Config;
  readonly reporter: ProgressReporter;
  readonly options: Omit<LockfileOptions, 'only'>;
  readonly deps: LockfileDependencies;
}

/** Runs `body` with the session; returns its exit code, or 130 after Ctrl-C. `describe` names the run on stderr. */
export async function inLockfileSession(command: RunOptions & { readonly mode?: LockfileMode }, env: Environment, describe: string, body: (session: LockfileSession) => Promise<number>): Promise<number> {
  const config = buildConfig(env, {
    policyFiles: command.policyFiles,
    ...(command.timeoutSeconds ? { timeoutSeconds: command.timeoutSeconds } : {}),
    ...(command.runtime ? { runtime: command.runtime } : {}),
    ...(command.storePath ? { storePath: command.storePath } : {}),
    ...(command.concurrency ? { concurrency: command.concurrency } : {}),
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
  reporter.log(`run ${runId}: ${describe}, ${mode} mode, store ${config.storePath}${command.noCache ? ' (not read: --no-cache)' : ''}`);
  try {
    const options = { cwd: process.cwd(), noCache: command.noCache === true, mode, signal: controller.signal, runId, ...(command.failOn ? { failOn: command.failOn } : {}) };
    return await body({ config, reporter, options, deps: { engine, sandbox, config, store, progress: reporter } });
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
