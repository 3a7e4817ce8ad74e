import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DynauditError } from '../common/errors.js';
import type { ResolvedPackage } from './types.js';

/** Removes everything resolvePackage wrote for this result (its fresh dir under workDir). */
export async function removeResolved(resolved: Pick<ResolvedPackage, 'projectDir' | 'cacheDir'>): Promise<void> {
  const rootDir = dirname(resolved.projectDir);
  const ours =
    basename(resolved.projectDir) === 'project' &&
    resolved.cacheDir === join(rootDir, 'cache') &&
    basename(rootDir).startsWith('resolve-');
  if (!ours) {
    throw new DynauditError('E_INTERNAL', `refusing to remove ${rootDir}: not a directory made by resolvePackage`);
  }
  await rm(rootDir, { recursive: true, force: true });
}
