/**
 * The lockfile's packages that have install scripts. npm's v2/v3 lockfiles
 * record it (`hasInstallScript`); for the others a probe reads the
 * package's own package.json from its tarball (never runs it).
 */
import type { LockfileGraph, LockPackage } from '../lockfile/types.js';
import { canonicalPaths } from './canonical-paths.js';
import type { ScriptedPackage } from './types.js';

export interface ScriptProbe {
  /** Whether npm would run an install script of the package (preinstall/install/postinstall, or a binding.gyp). */
  hasInstallScript(pkg: LockPackage): Promise<boolean>;
}

export async function scriptedPackages(graph: LockfileGraph, probe: ScriptProbe): Promise<ScriptedPackage[]> {
  const paths = canonicalPaths(graph);
  const scripted: ScriptedPackage[] = [];
  for (const pkg of graph.packages) {
    if (!(pkg.hasInstallScript ?? (await probe.hasInstallScript(pkg)))) continue;
    scripted.push({ id: pkg.id, name: pkg.name, version: pkg.version, path: paths.get(pkg.id) ?? pkg.name });
  }
  return scripted;
}
