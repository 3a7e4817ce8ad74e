import { DynauditError } from '../common/errors.js';
import type { LockEntry } from './lockfile-entries.js';

/** A tarball to fetch from the registry by name, version and integrity. */
export interface FetchTarget {
  readonly name: string;
  readonly version: string;
  readonly integrity: string;
  readonly location: string;
}

export interface PlanOptions {
  /** Lockfile location of a package installed from a local file (not fetched). */
  readonly localLocation?: string;
  /** Platform of the sandbox; optional packages it would skip are not fetched. */
  readonly platform: { readonly os: string; readonly cpu: string };
  /** Locations installed whatever their platform (see platform-override.ts). */
  readonly installAnyway?: ReadonlySet<string>;
}

/**
 * Chooses which lockfile entries need a tarball in the cache: not the
 * bundled ones (inside their parent's tarball), not the local package, not
 * optional packages for another platform (`npm ci` skips them). Rejects
 * sources we cannot fetch by name and version (git, links, no integrity).
 */
export function planFetches(entries: readonly LockEntry[], options: PlanOptions): FetchTarget[] {
  const targets: FetchTarget[] = [];
  for (const entry of entries) {
    if (entry.inBundle || entry.location === options.localLocation) {
      continue;
    }
    if (entry.link) {
      throw unsupported(entry, 'is a link to a local directory');
    }
    if (entry.resolved !== undefined && !/^https?:\/\//.test(entry.resolved)) {
      throw unsupported(entry, `comes from ${entry.resolved.split(':')[0] ?? 'an unknown'} source`);
    }
    if (entry.integrity === undefined) {
      throw unsupported(entry, 'has no integrity in the lockfile');
    }
    if (entry.optional && !supportsPlatform(entry, options.platform) && !options.installAnyway?.has(entry.location)) {
      continue;
    }
    const { name, version, integrity, location } = entry;
    targets.push({ name, version, integrity, location });
  }
  return targets;
}

/** npm's os/cpu check: `!x` excludes x; any positive item must match. */
export function supportsPlatform(
  entry: Pick<LockEntry, 'os' | 'cpu'>,
  platform: { readonly os: string; readonly cpu: string },
): boolean {
  return allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu);
}

function allows(list: readonly string[] | undefined, value: string): boolean {
  if (list === undefined || list.length === 0 || list.includes('any')) {
    return true;
  }
  if (list.includes(`!${value}`)) {
    return false;
  }
  const positives = list.filter((item) => !item.startsWith('!'));
  return positives.length === 0 || positives.includes(value);
}

function unsupported(entry: LockEntry, why: string): DynauditError {
  return new DynauditError(
    'E_RESOLVE',
    `dependency "${entry.name}" at ${entry.location} ${why}, which is not supported`,
  );
}
