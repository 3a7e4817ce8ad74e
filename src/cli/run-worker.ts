/**
 * `dynaudit worker --queue URL`: takes analysis jobs from the queue of its
 * own analyzer build and sandbox image and runs them on this machine's
 * Docker engine, `--concurrency` jobs at once (default 1: a batch job
 * already keeps a sandbox busy), until SIGTERM or Ctrl-C. The first signal
 * stops taking jobs and lets the running ones finish; a second hands them
 * back to the queue (their sandboxes removed) for another worker. Before
 * each job, what crashed dynaudit processes on this engine left behind (a
 * worker killed with SIGKILL) is removed.
 */
import os from 'node:os';
import type { Environment } from '../common/config.js';
import { sandboxIdentity } from '../pipeline/session/sandbox-identity.js';
import { ensureSandboxImage } from '../sandbox/sandbox-image.js';
import type { Command } from './args/commands.js';
import { configFor } from './command-config.js';
import { sandboxStack } from './sandbox-stack.js';

type WorkerCommand = Extract<Command, { kind: 'worker' }>;

export async function runWorkerCommand(command: WorkerCommand, env: Environment, log: (message: string) => void): Promise<number> {
  const { jobHandler, queueName, redactUrl, serveJobs } = await import('../queue/index.js');
  const config = configFor({ policyFiles: [] }, env);
  const handBack = new AbortController();
  const { engine } = sandboxStack(handBack.signal, log);
  await engine.ping();
  await ensureSandboxImage(engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: log });
  const identity = await sandboxIdentity(config);
  const name = queueName(identity);
  const worker = `${os.hostname()}:${process.pid}`;
  const concurrency = command.concurrency ?? 1;
  const run = jobHandler(() => ({ config, engine, sandbox: sandboxStack(handBack.signal, log).sandbox, log }));
  const server = await serveJobs(command.queue, name, { concurrency, worker, signal: handBack.signal, log }, run);
  log(`worker ${worker}: taking jobs from ${redactUrl(command.queue)} (queue ${name}, dynaudit ${identity.analyzerVersion}), ${concurrency} at a time`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (): void => {
      if (handBack.signal.aborted) return;
      if (stopping) {
        log('handing the running job(s) back to the queue');
        handBack.abort();
        return;
      }
      stopping = true;
      log('stopping: no new jobs; the running one(s) finish first (SIGTERM or Ctrl-C again hands them back to the queue)');
      void server.stop().then(resolve);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  log('worker stopped');
  return 0;
}
