/**
 * The one configuration object: built from the environment (injected, never
 * read elsewhere) and command-line flags. Nothing else reads process.env.
 */
import os from 'node:os';
import path from 'node:path';
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
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ConfigOverrides {
  readonly policyFiles?: readonly string[];
  readonly timeoutSeconds?: number;
  readonly runtime?: string;
}

function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new DynauditError('E_USAGE', `${name} must be a positive number, got "${value}"`);
  return parsed;
}

export function buildConfig(env: Environment, overrides: ConfigOverrides = {}): Config {
  const root = packageRoot();
  const defaultPolicy = path.join(root, 'policies', 'default.yaml');
  const runtime = overrides.runtime ?? env.DYNAUDIT_RUNTIME;
  const registry = env.DYNAUDIT_REGISTRY ?? env.npm_config_registry;
  return {
    workDir: env.DYNAUDIT_WORK_DIR ?? path.join(os.tmpdir(), 'dynaudit'),
    ...(registry ? { registry } : {}),
    imagesDir: path.join(root, 'sandbox-images'),
    // User policies layer over the default: a rule with the same id replaces it.
    policyFiles: [defaultPolicy, ...(overrides.policyFiles ?? [])],
    timeoutSeconds: overrides.timeoutSeconds ?? positiveNumber(env.DYNAUDIT_TIMEOUT, 'DYNAUDIT_TIMEOUT', 180),
    ...(runtime && runtime !== 'runc' ? { runtime } : {}),
    memoryBytes: positiveNumber(env.DYNAUDIT_MEMORY_MB, 'DYNAUDIT_MEMORY_MB', 2048) * 1024 * 1024,
    pidsLimit: positiveNumber(env.DYNAUDIT_PIDS_LIMIT, 'DYNAUDIT_PIDS_LIMIT', 1024),
    nanoCpus: positiveNumber(env.DYNAUDIT_CPUS, 'DYNAUDIT_CPUS', Math.min(2, os.availableParallelism())) * 1e9,
  };
}
