/**
 * The one place the pipeline's registry access is set up from the
 * configuration: the configured registry (the clients' default when
 * none) and the npm cache shared between runs.
 */
import type { Config } from '../common/config.js';
import type { ResolveOptions } from '../resolve/index.js';
import { createPacoteClient, type RegistryClient } from '../resolve/registry-client.js';

export function sharedRegistryClient(config: Config): RegistryClient {
  return createPacoteClient({ cacheDir: config.npmCacheDir, ...(config.registry ? { registry: config.registry } : {}) });
}

export function resolveOptions(config: Config, onProgress?: (message: string) => void): ResolveOptions {
  return {
    workDir: config.workDir,
    sharedCacheDir: config.npmCacheDir,
    ...(config.registry ? { registry: config.registry } : {}),
    ...(onProgress ? { onProgress } : {}),
  };
}
