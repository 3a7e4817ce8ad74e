/** Reads any supported lockfile from disk, by its file name (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lockfileError } from './lockfile-error.js';
import { readNpmLockfile } from './read-npm-lockfile.js';
import { readPnpmLockfile } from './read-pnpm-lockfile.js';
import { readYarnLockfile } from './read-yarn-lockfile.js';
import type { LockfileGraph } from './types.js';

type LockfileKind = 'package-lock.json' | 'npm-shrinkwrap.json' | 'yarn.lock' | 'pnpm-lock.yaml';

/** The kind from the file name; names like `app.package-lock.json` count too. Falls back to sniffing the text. */
function lockfileKind(file: string, text: string): LockfileKind | null {
  const base = path.basename(file);
  for (const kind of ['npm-shrinkwrap.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml'] as const) {
    if (base === kind || base.endsWith(`.${kind}`) || base.endsWith(`-${kind}`)) return kind;
  }
  if (/^# yarn lockfile v1$/m.test(text)) return 'yarn.lock';
  if (/^lockfileVersion: /m.test(text)) return 'pnpm-lock.yaml';
  if (/^\s*\{/.test(text) && text.includes('"lockfileVersion"')) return 'package-lock.json';
  return null;
}

export function parseLockfile(text: string, file: string): LockfileGraph {
  const kind = lockfileKind(file, text);
  switch (kind) {
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return readNpmLockfile(text, file, kind);
    case 'yarn.lock':
      return readYarnLockfile(text, file);
    case 'pnpm-lock.yaml':
      return readPnpmLockfile(text, file);
    default:
      throw lockfileError(file, 'not a package-lock.json, npm-shrinkwrap.json, yarn.lock (v1) or pnpm-lock.yaml');
  }
}

export async function readLockfileFile(file: string): Promise<LockfileGraph> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw lockfileError(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message, error);
  }
  return parseLockfile(text, file);
}
