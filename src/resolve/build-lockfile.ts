import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynauditError } from '../common/errors.js';
import { loadArborist } from './load-arborist.js';
import { readLockfile, type LockEntry } from './lockfile-entries.js';
import { toResolveError } from './map-fetch-error.js';
import { cachedTree, keepTree, type TreeKey } from './tree-cache.js';

export interface BuildLockfileOptions {
  /** npm cache dir (npm's `--cache`); arborist keeps packuments in its `_cacache`. */
  readonly cacheDir: string;
  readonly registry?: string;
  /** The analyzed package, for error messages. */
  readonly subject: string;
  /** The root package: a tree resolved for it within the last minutes is reused (tree-cache.ts). */
  readonly reuse?: Omit<TreeKey, 'registry'>;
}

/**
 * Resolves the full dependency tree of the project in `projectDir` and
 * writes its package-lock.json (lockfileVersion 3) with arborist:
 * `npm install --package-lock-only --ignore-scripts` semantics, nothing
 * installed, nothing run.
 */
export async function buildLockfile(projectDir: string, options: BuildLockfileOptions): Promise<LockEntry[]> {
  const lockPath = join(projectDir, 'package-lock.json');
  const key = options.reuse ? { ...options.reuse, registry: options.registry ?? 'default' } : null;
  const reused = key ? await cachedTree(options.cacheDir, key) : null;
  if (reused !== null) {
    await writeFile(lockPath, JSON.stringify(reused, null, 2));
    return readLockfile(reused);
  }
  const Arborist = loadArborist();
  const arborist = new Arborist({
    path: projectDir,
    cache: join(options.cacheDir, '_cacache'),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    ignoreScripts: true,
    packageLockOnly: true,
    // A package built for another platform is resolved too (the sandbox installs it anyway: platform-override.ts).
    force: true,
    lockfileVersion: 3,
    audit: false,
    fund: false,
  });
  try {
    await arborist.reify();
  } catch (error) {
    throw toResolveError(error, { step: 'tree', subject: options.subject });
  }

  let lock: unknown;
  try {
    lock = JSON.parse(await readFile(lockPath, 'utf8'));
  } catch (error) {
    throw new DynauditError('E_RESOLVE', `arborist wrote no readable lockfile at ${lockPath}`, { cause: error });
  }
  const version = (lock as { lockfileVersion?: unknown } | null)?.lockfileVersion;
  if (version !== 3) {
    throw new DynauditError('E_RESOLVE', `expected lockfileVersion 3 in ${lockPath}, got ${String(version)}`);
  }
  const entries = readLockfile(lock);
  if (key) await keepTree(options.cacheDir, key, lock);
  return entries;
}
