export { parseSpec } from './parse-spec.js';
export { resolvePackage } from './resolve-package.js';
export { removeResolved } from './remove-resolved.js';
export { defaultRegistryUrl } from './default-registry.js';
export type { PackageSpec, PackageSource, ResolvedPackage, ResolveOptions, TreeEntry } from './types.js';
export { platformText, SANDBOX_PLATFORM, type PlatformOverride } from './platform-override.js';
export { supportsPlatform } from './plan-fetches.js';
