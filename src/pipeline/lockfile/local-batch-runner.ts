/**
 * Batches analyzed in this machine's sandboxes: the sandbox and fakenet
 * images made sure of, every tarball needed (the packages and, in batch
 * mode, their dependencies) fetched by name, version and integrity from the
 * configured registry into one npm cache, then each batch installed and
 * imported (and the project's direct dependencies executed) in a sandbox of
 * its own. A queue worker runs its jobs this way too.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../common/config.js';
import type { DynauditError } from '../../common/errors.js';
import { fetchPackages } from '../../lockfile/fetch-packages.js';
import type { LockfileGraph, LockPackage } from '../../lockfile/types.js';
import { defaultRegistryUrl } from '../../resolve/default-registry.js';
import { exportTarballs } from '../../resolve/cache-export.js';
import { sharedRegistryClient } from '../registry-access.js';
import type { ContainerEngine } from '../../sandbox/container-engine.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { ensureSandboxImage } from '../../sandbox/sandbox-image.js';
import { analyzeBatch } from '../batch/analyze-batch.js';
import { DEFAULT_CHUNK_SIZE } from '../batch/batch-imports.js';
import { throwIfAborted } from '../interrupt.js';
import { planFakenet } from '../network/fakenet-stage.js';
import type { Progress } from '../progress.js';
import type { SandboxContext } from '../session/analyze-in-sandbox.js';
import type { BatchOutcome, BatchRunner } from './batch-runner.js';
import { dependencyClosure } from '../../lockfile/dependency-closure.js';
import type { LockfileMode } from './lockfile-run.js';
import type { ResultSink } from './package-result.js';

export interface LocalSetup {
  readonly config: Config;
  readonly engine: ContainerEngine;
  readonly sandbox: Sandbox;
  readonly progress: Progress;
  readonly graph: LockfileGraph;
  /** Ids of the packages whose execute phase runs (lockfile-phases.ts). */
  readonly executed: ReadonlySet<string>;
  readonly mode: LockfileMode;
  readonly signal: AbortSignal;
  /** Label of the run's containers; a fresh one when absent. */
  readonly runId?: string;
  /** Packages per chunk loader run (default DEFAULT_CHUNK_SIZE). */
  readonly chunkSize?: number;
}

export interface LocalBatchRunner extends BatchRunner {
  /** The sandboxes' context (isolated mode analyzes with it too). */
  readonly context: SandboxContext;
  /** sha512 of every fetched tarball, by package id. */
  readonly integrity: ReadonlyMap<string, string>;
}

export async function openLocalRunner(setup: LocalSetup, todo: readonly LockPackage[]): Promise<LocalBatchRunner> {
  const { config, engine, progress: log, signal } = setup;
  await engine.ping();
  const image = await ensureSandboxImage(engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: log });
  const fakenet = await planFakenet(engine, config, image, log);
  await mkdir(config.workDir, { recursive: true });
  const workDir = await mkdtemp(path.join(config.workDir, 'lockfile-'));
  const dispose = (): Promise<void> => rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  try {
    const cacheDir = path.join(workDir, 'cache');
    const needed = setup.mode === 'batch' ? dependencyClosure(setup.graph.packages, todo) : [...todo];
    log(`fetching ${needed.length} tarball(s) by name, version and integrity from the registry`);
    const fetched = await fetchPackages(needed, { client: sharedRegistryClient(config), concurrency: 8 });
    throwIfAborted(signal);
    await exportTarballs(fetched.integrity.values(), config.npmCacheDir, cacheDir);
    const wanted = new Set(todo.map((pkg) => pkg.id));
    const failures = new Map<string, DynauditError>([...fetched.failures].filter(([id]) => wanted.has(id)));
    const ready = todo.filter((pkg) => fetched.integrity.has(pkg.id));
    const context: SandboxContext = { sandbox: setup.sandbox, config, image, fakenet, progress: log, runId: setup.runId ?? randomBytes(4).toString('hex') };
    const run = async (batch: readonly LockPackage[], sink: ResultSink): Promise<BatchOutcome> => {
      const batchDir = await mkdtemp(path.join(workDir, 'batch-'));
      try {
        const leftovers = await analyzeBatch(
          { graph: setup.graph, integrity: fetched.integrity, cacheDir, todo: batch, executed: setup.executed, workDir: batchDir },
          { context, registry: config.registry ?? defaultRegistryUrl(), signal, chunkSize: setup.chunkSize ?? DEFAULT_CHUNK_SIZE },
          sink,
        );
        return { ...leftovers, failed: new Map() };
      } finally {
        await rm(batchDir, { recursive: true, force: true }).catch(() => undefined);
      }
    };
    return {
      ready,
      failures,
      firstBatches: ready.length > 0 ? [ready] : [],
      parallel: config.concurrency,
      context,
      integrity: fetched.integrity,
      run,
      [Symbol.asyncDispose]: dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
