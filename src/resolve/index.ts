export { parseSpec } from './parse-spec.js';
export { resolvePackage } from './resolve-package.js';
export { removeResolved } from './remove-resolved.js';
export { defaultRegistryUrl } from './default-registry.js';
export type { PackageSpec, ResolvedPackage, ResolveOptions } from './types.js';
export { platformText, SANDBOX_PLATFORM } from './platform-override.js';
