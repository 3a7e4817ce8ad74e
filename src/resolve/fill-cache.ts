import { DynauditError } from '../common/errors.js';
import { integrityMatches } from './integrity.js';
import { mapConcurrent } from './map-concurrent.js';
import { toResolveError } from './map-fetch-error.js';
import type { FetchTarget } from './plan-fetches.js';
import type { RegistryClient } from './registry-client.js';

export interface FillCacheOptions {
  /** A client whose cache is the one to fill. */
  readonly client: RegistryClient;
  readonly concurrency?: number;
  readonly onProgress?: (message: string) => void;
}

/**
 * Fetches every target's tarball by name, version and integrity from the
 * client's registry (never from a lockfile's `resolved` host), so that it
 * lands in the client's cache, and checks the bytes against the integrity
 * once more ourselves. A mismatch is E_INTEGRITY naming the package.
 */
export async function fillCache(targets: readonly FetchTarget[], options: FillCacheOptions): Promise<void> {
  const total = targets.length;
  const step = Math.max(1, Math.ceil(total / 20));
  let fetched = 0;
  await mapConcurrent(targets, options.concurrency ?? 8, async (target) => {
    const spec = `${target.name}@${target.version}`;
    let data: Uint8Array;
    try {
      data = await options.client.tarball(spec, target.integrity);
    } catch (error) {
      throw toResolveError(error, { step: 'tarball', spec });
    }
    if (!integrityMatches(data, target.integrity)) {
      throw new DynauditError(
        'E_INTEGRITY',
        `integrity check failed for "${spec}" (${target.location}): the tarball does not match ${target.integrity}`,
      );
    }
    fetched += 1;
    if (fetched === total || fetched % step === 0) {
      options.onProgress?.(`fetched ${fetched}/${total} tarballs`);
    }
  });
}
