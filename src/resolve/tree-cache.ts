/**
 * Recently resolved dependency trees, kept in the shared npm cache folder:
 * a package resolved again within a few minutes (the npm registry's own
 * max-age for packuments) gets the same tree without asking the registry
 * for every packument again. Keyed by the registry and the root's name,
 * version and integrity; a tree older than the limit is resolved afresh.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The npm registry's max-age for packuments: how long a resolved tree is reused. */
export const TREE_TTL_MS = 5 * 60 * 1000;

export interface TreeKey {
  readonly registry: string;
  readonly name: string;
  readonly version: string;
  readonly integrity: string;
}

function treeFile(cacheDir: string, key: TreeKey): string {
  const hash = createHash('sha256').update(JSON.stringify([key.registry, key.name, key.version, key.integrity])).digest('hex');
  return path.join(cacheDir, 'dynaudit-trees', `${hash}.json`);
}

/** The lockfile resolved for the key less than TREE_TTL_MS ago, or null. */
export async function cachedTree(cacheDir: string, key: TreeKey, now = Date.now()): Promise<unknown> {
  const file = treeFile(cacheDir, key);
  const info = await stat(file).catch(() => null);
  if (info === null || now - info.mtimeMs > TREE_TTL_MS) return null;
  return readFile(file, 'utf8').then((text) => JSON.parse(text) as unknown, () => null);
}

export async function keepTree(cacheDir: string, key: TreeKey, lock: unknown): Promise<void> {
  const file = treeFile(cacheDir, key);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(lock));
  await rename(temporary, file);
}
