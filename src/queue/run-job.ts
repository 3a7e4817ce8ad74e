/**
 * A worker's side of a job: the caller's settings over the worker's own
 * configuration, a check that this worker analyzes exactly as the caller
 * would (same analyzer build, image, runtime, network), then the pipeline as
 * a local run has it — a batch through the local batch runner (its
 * tarballs fetched here by name, version and integrity), a tree as
 * `analyze` does it. The sandboxes run on this machine's Docker engine.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Config } from '../common/config.js';
import { DynauditError } from '../common/errors.js';
import { analyzeTree } from '../pipeline/analyze/analyze-package.js';
import { openLocalRunner } from '../pipeline/lockfile/local-batch-runner.js';
import type { PackageResult } from '../pipeline/lockfile/package-result.js';
import type { Progress } from '../pipeline/progress.js';
import { sandboxIdentity } from '../pipeline/session/sandbox-identity.js';
import type { ContainerEngine } from '../sandbox/container-engine.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import type { JobHandler } from './job-queue.js';
import { jobConfig, type BatchJob, type BatchJobResult } from './queue-jobs.js';

export interface WorkerDependencies {
  /** The worker's own configuration (registry, work dir, artifacts). */
  readonly config: Config;
  readonly engine: ContainerEngine;
  readonly sandbox: Sandbox;
  readonly log: Progress;
}

async function runBatchJob(job: BatchJob, config: Config, deps: WorkerDependencies, progress: (done: number, total: number) => void, signal: AbortSignal): Promise<BatchJobResult> {
  const byId = new Map(job.graph.packages.map((pkg) => [pkg.id, pkg]));
  const todo = job.todo.map((id) => byId.get(id)).filter((pkg) => pkg !== undefined);
  if (todo.length !== job.todo.length) throw new DynauditError('E_USAGE', 'a batch job names packages its graph does not hold');
  const chunkSize = job.settings.importChunkSize;
  await using runner = await openLocalRunner({ config, engine: deps.engine, sandbox: deps.sandbox, progress: deps.log, graph: job.graph, executed: new Set(job.executed), mode: 'batch', signal, ...(chunkSize ? { chunkSize } : {}) }, todo);
  const results: [string, PackageResult][] = [];
  progress(0, todo.length);
  const outcome = runner.ready.length === 0
    ? { unplaced: [], notRun: [], unowned: [], failed: new Map<string, DynauditError>() }
    : await runner.run(runner.ready, (id, result) => {
        results.push([id, result]);
        progress(results.length, todo.length);
      });
  const failed = [...runner.failures, ...outcome.failed].map(([id, error]) => [id, { code: error.code, message: error.message }] as const);
  return { results, unplaced: outcome.unplaced, notRun: outcome.notRun, unowned: outcome.unowned, failed };
}

/** `dependencies` is called for each job: a fresh sandbox stack removes what crashed workers on this engine left behind first. */
export function jobHandler(dependencies: () => WorkerDependencies): JobHandler {
  return async (job, progress, signal) => {
    const deps = dependencies();
    const config = jobConfig(deps.config, job.settings);
    const identity = await sandboxIdentity(config);
    if (!isDeepStrictEqual(identity, job.identity)) {
      throw new DynauditError('E_USAGE', `this worker would analyze as ${JSON.stringify(identity)}, the job was sent for ${JSON.stringify(job.identity)}`);
    }
    if (job.kind === 'batch') return runBatchJob(job, config, deps, progress, signal);
    progress(0, 1);
    const spec = { kind: 'registry' as const, raw: `${job.name}@${job.version}`, name: job.name, range: job.version };
    return analyzeTree(spec, { config, engine: deps.engine, sandbox: deps.sandbox, progress: deps.log }, identity, job.integrity);
  };
}
