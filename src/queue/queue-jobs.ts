/**
 * What travels through the queue (pure): a job is a batch of a lockfile's
 * packages (with the part of the lockfile needed to install them) or one
 * registry package analyzed with its tree (`analyze`), together with the
 * caller's sandbox identity and the settings that shape an analysis, so a
 * worker analyzes exactly as the caller would have. Results go back as the
 * pipeline's own records; the caller stores and judges them.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../common/config.js';
import type { ErrorCode } from '../common/errors.js';
import type { LockfileGraph, LockPackage } from '../lockfile/types.js';
import { narrowGraph } from '../lockfile/narrow-graph.js';
import type { PackageResult } from '../pipeline/lockfile/package-result.js';
import type { PhaseName } from '../events/types.js';
import type { SandboxIdentity } from '../pipeline/session/sandbox-identity.js';
import type { StoredAnalysis } from '../store/result-store.js';
import type { TraceEvent } from '../events/types.js';

/** The caller's settings a worker analyzes under (its own registry, work dir and concurrency stay its own). */
export interface AnalysisSettings {
  readonly timeoutSeconds: number;
  readonly runtime?: string;
  readonly fakenet: boolean;
  readonly memoryBytes: number;
  readonly pidsLimit: number;
  readonly nanoCpus: number;
  readonly diskBytes: number;
  readonly importChunkSize?: number;
  readonly phases: readonly PhaseName[];
}

export interface BatchJob {
  readonly kind: 'batch';
  readonly identity: SandboxIdentity;
  readonly settings: AnalysisSettings;
  /** The lockfile narrowed to the packages and everything they depend on. */
  readonly graph: LockfileGraph;
  /** Ids of the packages to analyze (the rest of the graph is installed and imported for them). */
  readonly todo: readonly string[];
  /** Ids of those whose execute phase runs (the narrowed graph's roots are not the project's: lockfile-phases.ts). */
  readonly executed: readonly string[];
}

export interface TreeJob {
  readonly kind: 'tree';
  readonly identity: SandboxIdentity;
  readonly settings: AnalysisSettings;
  readonly name: string;
  readonly version: string;
  /** The registry's integrity the caller resolved: the worker analyzes that tarball or none. */
  readonly integrity: string;
}

export type QueueJob = BatchJob | TreeJob;

export interface JobFailure {
  readonly code: ErrorCode;
  readonly message: string;
}

export interface BatchJobResult {
  readonly results: readonly (readonly [string, PackageResult])[];
  readonly unplaced: readonly string[];
  readonly notRun: readonly string[];
  readonly unowned: readonly TraceEvent[];
  /** Packages that could not be analyzed at all (a tarball the worker could not fetch). */
  readonly failed: readonly (readonly [string, JobFailure])[];
}

export type JobResult<J extends QueueJob = QueueJob> = J extends BatchJob ? BatchJobResult : StoredAnalysis;

/** Failures a retry would only repeat: the job fails at once. */
const FINAL_CODES: ReadonlySet<ErrorCode> = new Set(['E_SANDBOX', 'E_USAGE', 'E_BAD_SPEC', 'E_PACKAGE_NOT_FOUND', 'E_INTEGRITY', 'E_BAD_TARBALL', 'E_RESOLVE']);

export function isFinalFailure(code: ErrorCode): boolean {
  return FINAL_CODES.has(code);
}

export function settingsOf(config: Config): AnalysisSettings {
  return {
    timeoutSeconds: config.timeoutSeconds,
    ...(config.runtime ? { runtime: config.runtime } : {}),
    fakenet: config.fakenet,
    memoryBytes: config.memoryBytes,
    pidsLimit: config.pidsLimit,
    nanoCpus: config.nanoCpus,
    diskBytes: config.diskBytes,
    ...(config.importChunkSize ? { importChunkSize: config.importChunkSize } : {}),
    phases: config.phases,
  };
}

/** The worker's configuration for one job: the caller's settings over the worker's own. */
export function jobConfig(worker: Config, settings: AnalysisSettings): Config {
  const { runtime: _runtime, importChunkSize: _chunk, ...own } = worker;
  return { ...own, ...settings };
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The job's id: a hash of everything it is (kind, identity, settings,
 * packages and their integrities), so the same work sent twice, by one
 * caller or two, is one job.
 */
export function jobId(job: QueueJob): string {
  return `${job.kind}-${hash(JSON.stringify(job)).slice(0, 40)}`;
}

/** A package's key among the jobs of all callers: the same tarball analyzed the same way (identity, settings). */
export function packageKey(pkg: LockPackage, identity: SandboxIdentity, settings: AnalysisSettings): string {
  return hash(JSON.stringify([identity, settings, pkg.id])).slice(0, 40);
}

/** One queue per analyzer build and sandbox image: a worker only ever takes jobs it analyzes exactly as the caller would. */
export function queueName(identity: SandboxIdentity): string {
  return `jobs-${hash(`${identity.analyzerVersion}\0${identity.image}`).slice(0, 16)}`;
}

/** `E_SANDBOX: npm ci failed` <-> { code, message }: how a failure's code survives the queue's failure reason. */
export function encodeFailure(failure: JobFailure): string {
  return `${failure.code}: ${failure.message}`;
}

export function decodeFailure(reason: string): JobFailure | undefined {
  const match = /^(E_[A-Z_]+): ([\s\S]*)$/.exec(reason);
  return match ? { code: match[1] as ErrorCode, message: match[2]! } : undefined;
}

/** A job of these packages: the lockfile narrowed to them and their dependency closure (narrow-graph.ts). */
export function batchJob(
  graph: LockfileGraph,
  todo: readonly LockPackage[],
  run: { readonly identity: SandboxIdentity; readonly executed: ReadonlySet<string> },
  settings: AnalysisSettings,
): BatchJob {
  const ids = todo.map((pkg) => pkg.id);
  return { kind: 'batch', identity: run.identity, settings, graph: narrowGraph(graph, todo), todo: ids, executed: ids.filter((id) => run.executed.has(id)) };
}

/** Consecutive slices of at most `size`. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
