/**
 * Hands tarballs from the persistent npm cache (shared by every run on this
 * machine) to one run's own cache, by integrity only: npm finds a tarball
 * whose lockfile entry has an integrity by its content address
 * (`_cacache/content-v2/<algo>/<hex[0..2]>/<hex[2..4]>/<rest>`), so the
 * run's cache needs those content files and nothing else — no index, no
 * packuments, no host paths. Content files never change once written, so
 * a hard link is as good as a copy (a copy is made across filesystems).
 */
import { copyFile, link, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DynauditError } from '../common/errors.js';

/** Where cacache keeps the content of an SRI (its strongest hash) under an npm cache folder. */
export function contentPath(npmCacheDir: string, integrity: string): string {
  const strongest = integrity.trim().split(/\s+/).find((token) => token.startsWith('sha512-')) ?? integrity.trim().split(/\s+/)[0] ?? '';
  const dash = strongest.indexOf('-');
  const algorithm = strongest.slice(0, dash);
  const hex = Buffer.from(strongest.slice(dash + 1).split('?')[0] ?? '', 'base64').toString('hex');
  if (dash <= 0 || hex.length < 8) throw new DynauditError('E_INTEGRITY', `not an integrity: ${integrity}`);
  return path.join(npmCacheDir, '_cacache', 'content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

export async function exportTarballs(integrities: Iterable<string>, fromCacheDir: string, toCacheDir: string): Promise<void> {
  for (const integrity of new Set(integrities)) {
    const from = contentPath(fromCacheDir, integrity);
    const to = contentPath(toCacheDir, integrity);
    await mkdir(path.dirname(to), { recursive: true });
    await link(from, to).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return;
      if (error.code !== 'EXDEV' && error.code !== 'EPERM') throw new DynauditError('E_RESOLVE', `the cached tarball ${integrity} is missing: ${error.message}`, { cause: error });
      await copyFile(from, to);
    });
  }
}
