/**
 * Which package manager decides about install scripts in a project, and which
 * of its lockfiles dynaudit reads (pure). `--manager` wins; then a
 * `lavamoat.allowScripts` field (LavaMoat runs the scripts whatever installs
 * the packages); then `packageManager` in package.json; then the lockfile.
 */
import { DynauditError } from '../common/errors.js';
import { isRecord } from './json-text.js';
import type { Manager } from './types.js';

export interface DetectedManager {
  readonly manager: Manager;
  /** The manager's version from `packageManager`, when it names this manager. */
  readonly version: string | null;
  readonly why: string;
  /** The lockfile to read (a file name of the project's folder). */
  readonly lockfile: string;
}

const READABLE = ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'] as const;
const LOCKFILE_OF: Record<string, Manager> = {
  'pnpm-lock.yaml': 'pnpm',
  'bun.lock': 'bun',
  'bun.lockb': 'bun',
  'yarn.lock': 'yarn',
  'npm-shrinkwrap.json': 'npm',
  'package-lock.json': 'npm',
};
const PREFERRED: Record<Manager, readonly string[]> = {
  npm: ['npm-shrinkwrap.json', 'package-lock.json'],
  pnpm: ['pnpm-lock.yaml'],
  yarn: ['yarn.lock'],
  bun: [],
  lavamoat: [],
};

/** `pnpm@10.26.1+sha512.…` to its name and version. */
export function parsePackageManager(value: unknown): { readonly name: string; readonly version: string } | null {
  const match = typeof value === 'string' ? /^(npm|pnpm|yarn|bun)@(\d[^+\s]*)/.exec(value) : null;
  return match ? { name: match[1]!, version: match[2]! } : null;
}

export function detectManager(packageJson: Record<string, unknown>, present: ReadonlySet<string>, override?: Manager): DetectedManager {
  const declared = parsePackageManager(packageJson['packageManager']);
  const lavamoat = isRecord(packageJson['lavamoat']) && isRecord(packageJson['lavamoat']['allowScripts']);
  const fromLockfile = Object.keys(LOCKFILE_OF).find((file) => present.has(file));
  let manager: Manager;
  let why: string;
  if (override) [manager, why] = [override, '--manager'];
  else if (lavamoat) [manager, why] = ['lavamoat', 'package.json has lavamoat.allowScripts'];
  else if (declared) [manager, why] = [declared.name as Manager, `packageManager is ${declared.name}@${declared.version}`];
  else if (fromLockfile) [manager, why] = [LOCKFILE_OF[fromLockfile]!, `the project has ${fromLockfile}`];
  else throw new DynauditError('E_PROJECT', 'no lockfile in the project (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock or bun.lock) and no packageManager field: pass --manager');
  const lockfile = [...PREFERRED[manager], ...READABLE].find((file) => present.has(file));
  if (!lockfile) {
    throw new DynauditError('E_PROJECT', `no lockfile dynaudit reads in the project (${READABLE.join(', ')}); bun.lock and yarn berry lockfiles are not read yet`);
  }
  return { manager, version: declared?.name === manager ? declared.version : null, why, lockfile };
}
