/** Finds dynaudit's own folder (sandbox images, policies) whether run from src/ via tsx or from dist/. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dynaudit') {
      cached = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find dynaudit package root');
    dir = parent;
  }
}

let version: string | undefined;

/** Short content hash of the code this process runs: src/ (via tsx) or dist/src/, whichever this file is in. */
function codeHash(): string {
  const codeRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256');
  const files = readdirSync(codeRoot, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(path.relative(codeRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 12);
}

/**
 * The analyzer as a store key sees it: the package version and a hash of
 * the code, e.g. `0.1.0+3f2a9c01b7de`. Any change to the code (a parser, the
 * sandbox) makes stored analyses miss, so a regression cannot hide behind them.
 */
export function analyzerVersion(): string {
  version ??= `${(JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version}+${codeHash()}`;
  return version;
}
