/**
 * No platform escape (pure): a package whose `os`/`cpu` exclude the sandbox
 * (Linux on the host's CPU) would never be installed there, so a
 * platform-gated stealer would pass unseen. The analyzed package itself is
 * installed and loaded anyway, and so is every optional dependency for another
 * platform that has an install script (one without runs nothing at install,
 * and nothing on Linux loads it); npm's check is overridden by taking the
 * fields out of the sandbox's lockfile. The report says so.
 */
import { supportsPlatform } from './plan-fetches.js';
import type { LockEntry } from './lockfile-entries.js';

/** The sandbox is Linux on the host's CPU. */
export const SANDBOX_PLATFORM = { os: 'linux', cpu: process.arch } as const;

export interface PlatformOverride {
  readonly name: string;
  readonly version: string;
  readonly location: string;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
}

/** Entries the sandbox installs though their os/cpu exclude it. */
export function platformOverrides(entries: readonly LockEntry[], rootLocation: string): PlatformOverride[] {
  return entries
    .filter((entry) => !entry.inBundle && !supportsPlatform(entry, SANDBOX_PLATFORM))
    .filter((entry) => entry.location === rootLocation || (entry.optional && entry.hasInstallScript))
    .map(({ name, version, location, os, cpu }) => ({ name, version, location, ...(os ? { os } : {}), ...(cpu ? { cpu } : {}) }));
}

/** A parsed package-lock.json with the platform fields of `locations` taken out, so npm installs them. */
export function withoutPlatformChecks(lock: unknown, locations: ReadonlySet<string>): unknown {
  const packages = (lock as { packages?: Record<string, Record<string, unknown>> }).packages ?? {};
  const rewritten: Record<string, Record<string, unknown>> = {};
  for (const [location, entry] of Object.entries(packages)) {
    if (!locations.has(location)) {
      rewritten[location] = entry;
      continue;
    }
    const { os: _os, cpu: _cpu, libc: _libc, ...rest } = entry;
    rewritten[location] = rest;
  }
  return { ...(lock as object), packages: rewritten };
}

/** `darwin/arm64`, as people read a platform. */
export function platformText(override: Pick<PlatformOverride, 'os' | 'cpu'>): string {
  return [override.os?.join(',') ?? 'any os', override.cpu?.join(',') ?? 'any cpu'].join('/');
}
