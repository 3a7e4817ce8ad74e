/**
 * Fetches the tarball of every package by name, version and integrity from
 * the configured registry (never from a lockfile's `resolved` host) into the
 * client's cache, and checks the bytes against the lockfile's integrity.
 * A package that cannot be fetched is a per-package error, not a failure
 * of the whole run.
 */
import { DynauditError, isDynauditError, oneLine } from '../common/errors.js';
import { mapConcurrent } from '../resolve/map-concurrent.js';
import { computeIntegrity, integrityMatches } from '../resolve/integrity.js';
import { toResolveError } from '../resolve/map-fetch-error.js';
import type { RegistryClient } from '../resolve/registry-client.js';
import type { LockPackage } from './types.js';

export interface FetchOutcome {
  /** sha512 SRI of each fetched tarball, by package id. */
  readonly integrity: Map<string, string>;
  readonly failures: Map<string, DynauditError>;
}

export interface FetchOptions {
  readonly client: RegistryClient;
  readonly concurrency: number;
  readonly onFetched?: (done: number, total: number) => void;
}

export async function fetchPackages(packages: readonly LockPackage[], options: FetchOptions): Promise<FetchOutcome> {
  const outcome: FetchOutcome = { integrity: new Map(), failures: new Map() };
  let done = 0;
  await mapConcurrent(packages, options.concurrency, async (pkg) => {
    const spec = `${pkg.name}@${pkg.version}`;
    try {
      // pacote checks (and caches under) a sha512 integrity itself; weaker ones we check below.
      const strong = pkg.integrity?.includes('sha512-') ? pkg.integrity : undefined;
      let data: Uint8Array;
      try {
        data = await options.client.tarball(spec, strong);
      } catch (error) {
        throw toResolveError(error, { step: 'tarball', spec });
      }
      if (pkg.integrity !== null && !integrityMatches(data, pkg.integrity)) {
        throw new DynauditError('E_INTEGRITY', `integrity check failed for "${spec}": the registry's tarball does not match the lockfile's ${pkg.integrity}`);
      }
      outcome.integrity.set(pkg.id, computeIntegrity(data));
    } catch (error) {
      outcome.failures.set(
        pkg.id,
        isDynauditError(error) ? error : new DynauditError('E_RESOLVE', `fetching ${spec} failed: ${oneLine(error)}`, { cause: error }),
      );
    }
    done += 1;
    options.onFetched?.(done, packages.length);
  });
  return outcome;
}
