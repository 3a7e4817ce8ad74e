/**
 * What a stored analysis must match besides the tarball: the analyzer
 * build, the sandbox image, the runtime, the network the sandbox had and
 * the phases run.
 */
import type { Config } from '../../common/config.js';
import { analyzerVersion } from '../../common/package-root.js';
import { sandboxImageTag } from '../../sandbox/sandbox-image.js';
import type { NetworkMode, StoreKey } from '../../store/result-store.js';

export type SandboxIdentity = Omit<StoreKey, 'integrity'>;

/** `fakenet` unless it is turned off or the runtime cannot have it (gVisor's own network stack). */
function networkMode(config: Pick<Config, 'fakenet' | 'runtime'>): NetworkMode {
  return config.fakenet && config.runtime !== 'runsc' ? 'fakenet' : 'none';
}

export async function sandboxIdentity(config: Config): Promise<SandboxIdentity> {
  return {
    analyzerVersion: analyzerVersion(),
    image: await sandboxImageTag(config.imagesDir),
    runtime: config.runtime ?? 'runc',
    network: networkMode(config),
    phases: config.phases.join(','),
  };
}

export function storeKey(integrity: string, identity: SandboxIdentity): StoreKey {
  return { integrity, ...identity };
}
