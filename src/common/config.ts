/**
 * The one configuration object: built from the environment (injected, never
 * read elsewhere) and command-line flags. Nothing else reads process.env.
 */
import os from 'node:os';
import path from 'node:path';
import type { PhaseName } from '../events/types.js';
import { DynauditError } from './errors.js';
import { packageRoot } from './package-root.js';

export interface Config {
  /** Host folder for temporary resolution output. */
  readonly workDir: string;
  /** npm registry URL; the clients' default when absent. */
  readonly registry?: string;
  readonly imagesDir: string;
  readonly policyFiles: readonly string[];
  readonly timeoutSeconds: number;
  readonly runtime?: string;
  readonly memoryBytes: number;
  readonly pidsLimit: number;
  readonly nanoCpus: number;
  /** Size of the sandbox's home (work dir, npm cache), in memory (DYNAUDIT_DISK_MB, default 1024). */
  readonly diskBytes: number;
  /** SQLite result store (`--store`, DYNAUDIT_STORE; default under the user's cache folder). */
  readonly storePath: string;
  /** npm cache of packuments and tarballs kept between runs (DYNAUDIT_NPM_CACHE; default under the user's cache folder). */
  readonly npmCacheDir: string;
  /** Parsed policy files kept between runs (under the user's cache folder). */
  readonly policyCacheDir: string;
  /** Sandboxes (or traced imports in one sandbox) at once (`--concurrency`, DYNAUDIT_CONCURRENCY). */
  readonly concurrency: number;
  /** Run the fakenet sidecar (fake internet, pcap) beside each sandbox (`--no-fakenet`, DYNAUDIT_FAKENET=0 turn it off). */
  readonly fakenet: boolean;
  /** Where each run's pcap and sink log are kept (`--artifacts`, DYNAUDIT_ARTIFACTS_DIR); not kept when absent. */
  readonly artifactsDir?: string;
  /** Packages a lockfile batch imports per loader process (DYNAUDIT_IMPORT_CHUNK); the pipeline's default when absent. */
  readonly importChunkSize?: number;
  /** Packages per queue job at most (`--queue`; DYNAUDIT_QUEUE_JOB_SIZE, default 250). */
  readonly queueJobSize: number;
  /** The phases run, in order (`--phases`; DEFAULT_PHASES without it). */
  readonly phases: readonly PhaseName[];
}

/** Every phase, in the order they run. */
export const PHASES: readonly PhaseName[] = ['install', 'import', 'execute'];

/**
 * The phases run without `--phases`: all of them (docs/execute.md: what the
 * execute phase measured on the popular-package corpus, and what changed).
 */
const DEFAULT_PHASES: readonly PhaseName[] = ['install', 'import', 'execute'];

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ConfigOverrides {
  readonly policyFiles?: readonly string[];
  readonly timeoutSeconds?: number;
  readonly runtime?: string;
  readonly storePath?: string;
  readonly concurrency?: number;
  readonly fakenet?: boolean;
  readonly vendorHosts?: boolean;
  readonly artifactsDir?: string;
  readonly phases?: readonly PhaseName[];
}

/** `$XDG_CACHE_HOME/dynaudit`, else `~/.cache/dynaudit`: where the store and the npm cache live by default, and parsed policies. */
function cacheFolder(env: Environment): string {
  return path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache'), 'dynaudit');
}

/** `$XDG_CACHE_HOME/dynaudit/results.sqlite`, else `~/.cache/dynaudit/results.sqlite`. */
function defaultStorePath(env: Environment): string {
  return path.join(cacheFolder(env), 'results.sqlite');
}

/** One per CPU, and no more than half the machine's memory allows at the sandbox's memory limit. */
function defaultConcurrency(memoryBytes: number): number {
  const byMemory = Math.floor((os.totalmem() * 0.5) / memoryBytes);
  return Math.max(1, Math.min(os.availableParallelism(), byMemory));
}

function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new DynauditError('E_USAGE', `${name} must be a positive number, got "${value}"`);
  return parsed;
}

/** Values of an on/off variable that turn it off. */
const OFF = ['0', 'false', 'no', 'off'];

export function buildConfig(env: Environment, overrides: ConfigOverrides = {}): Config {
  const root = packageRoot();
  const defaultPolicy = path.join(root, 'policies', 'default.yaml');
  // Known vendors' download hosts: their binary downloads warn (naming the URL) instead of failing; on unless turned off.
  const vendorHosts = overrides.vendorHosts ?? !OFF.includes((env.DYNAUDIT_VENDOR_HOSTS ?? '').trim().toLowerCase());
  const vendorPolicy = vendorHosts ? [path.join(root, 'policies', 'vendor-download-hosts.yaml')] : [];
  const runtime = overrides.runtime ?? env.DYNAUDIT_RUNTIME;
  const registry = env.DYNAUDIT_REGISTRY ?? env.npm_config_registry;
  return {
    workDir: env.DYNAUDIT_WORK_DIR ?? path.join(os.tmpdir(), 'dynaudit'),
    ...(registry ? { registry } : {}),
    imagesDir: path.join(root, 'sandbox-images'),
    // User policies layer over the default: a rule with the same id replaces it.
    policyFiles: [defaultPolicy, ...vendorPolicy, ...(overrides.policyFiles ?? [])],
    timeoutSeconds: overrides.timeoutSeconds ?? positiveNumber(env.DYNAUDIT_TIMEOUT, 'DYNAUDIT_TIMEOUT', 180),
    ...(runtime && runtime !== 'runc' ? { runtime } : {}),
    memoryBytes: positiveNumber(env.DYNAUDIT_MEMORY_MB, 'DYNAUDIT_MEMORY_MB', 2048) * 1024 * 1024,
    pidsLimit: positiveNumber(env.DYNAUDIT_PIDS_LIMIT, 'DYNAUDIT_PIDS_LIMIT', 1024),
    nanoCpus: positiveNumber(env.DYNAUDIT_CPUS, 'DYNAUDIT_CPUS', Math.min(2, os.availableParallelism())) * 1e9,
    diskBytes: positiveNumber(env.DYNAUDIT_DISK_MB, 'DYNAUDIT_DISK_MB', 1024) * 1024 * 1024,
    storePath: overrides.storePath ?? (env.DYNAUDIT_STORE || defaultStorePath(env)),
    npmCacheDir: env.DYNAUDIT_NPM_CACHE || path.join(cacheFolder(env), 'npm'),
    policyCacheDir: path.join(cacheFolder(env), 'policies'),
    concurrency:
      overrides.concurrency ??
      Math.floor(
        positiveNumber(
          env.DYNAUDIT_CONCURRENCY,
          'DYNAUDIT_CONCURRENCY',
          defaultConcurrency(positiveNumber(env.DYNAUDIT_MEMORY_MB, 'DYNAUDIT_MEMORY_MB', 2048) * 1024 * 1024),
        ),
      ),
    fakenet: overrides.fakenet ?? !OFF.includes((env.DYNAUDIT_FAKENET ?? '').trim().toLowerCase()),
    ...((overrides.artifactsDir ?? env.DYNAUDIT_ARTIFACTS_DIR) ? { artifactsDir: overrides.artifactsDir ?? env.DYNAUDIT_ARTIFACTS_DIR } : {}),
    phases: overrides.phases ?? DEFAULT_PHASES,
    queueJobSize: Math.floor(positiveNumber(env.DYNAUDIT_QUEUE_JOB_SIZE, 'DYNAUDIT_QUEUE_JOB_SIZE', 250)),
    ...(env.DYNAUDIT_IMPORT_CHUNK ? { importChunkSize: Math.floor(positiveNumber(env.DYNAUDIT_IMPORT_CHUNK, 'DYNAUDIT_IMPORT_CHUNK', 1)) } : {}),
  };
}
