import { DynauditError } from '../common/errors.js';
import { toResolveError } from './map-fetch-error.js';
import type { RegistryClient } from './registry-client.js';
import type { PackageSpec } from './types.js';

export interface RegistryRoot {
  readonly name: string;
  readonly version: string;
  readonly integrity: string;
}

/** Resolves `name@range` to the exact version and integrity the registry publishes. */
export async function resolveRegistryRoot(
  spec: Extract<PackageSpec, { kind: 'registry' }>,
  client: RegistryClient,
): Promise<RegistryRoot> {
  const manifest = await client.manifest(`${spec.name}@${spec.range}`).catch((error: unknown) => {
    throw toResolveError(error, { step: 'manifest', name: spec.name, range: spec.range });
  });
  if (manifest.name !== spec.name) {
    throw new DynauditError('E_RESOLVE', `the registry answered "${manifest.name}" for "${spec.name}"`);
  }
  if (manifest.integrity === undefined) {
    throw new DynauditError('E_INTEGRITY', `the registry publishes no integrity for "${spec.name}@${manifest.version}"`);
  }
  return { name: manifest.name, version: manifest.version, integrity: manifest.integrity };
}
