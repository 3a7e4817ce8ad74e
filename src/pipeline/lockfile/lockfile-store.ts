/** Store records of lockfile packages (pure helpers around the ResultStore). */
import type { LockPackage } from '../../lockfile/types.js';
import type { AnalysisScope, ResultStore, StoredAnalysis } from '../../store/result-store.js';
import { ownEvents } from '../session/own-events.js';
import { storeKey, type SandboxIdentity } from '../session/sandbox-identity.js';
import type { PackageResult } from './package-result.js';

/** A stored analysis of the package, narrowed to its own doings when it was stored by `analyze` (tree scope). */
export function lookupPackage(store: ResultStore, pkg: LockPackage, integrity: string, identity: SandboxIdentity): StoredAnalysis | undefined {
  const found = store.get(storeKey(integrity, identity), ['package', 'tree']);
  if (!found || found.scope === 'package') return found;
  const own = ownEvents(found.events, (event) => event.attribution.package === pkg.name);
  const installScripts = found.installScripts.filter((entry) => entry.name === pkg.name && entry.version === pkg.version);
  return { ...found, scope: 'package', events: own, installScripts };
}

export function toStored(
  pkg: LockPackage,
  result: PackageResult,
  identity: SandboxIdentity,
  scope: AnalysisScope,
  installScripts?: StoredAnalysis['installScripts'],
  versions?: StoredAnalysis['versions'],
): StoredAnalysis {
  // A tree analysis is `analyze`'s, found by the registry's integrity; a package one by the lockfile's.
  const integrity = (scope === 'tree' ? (result.integrity ?? pkg.integrity) : (pkg.integrity ?? result.integrity)) ?? '';
  return {
    key: storeKey(integrity, identity),
    scope,
    name: pkg.name,
    version: pkg.version,
    integrity,
    source: 'registry',
    phases: result.phases,
    events: result.events,
    installScripts: installScripts ?? (result.hasInstallScript ? [{ name: pkg.name, version: pkg.version }] : []),
    versions: versions ?? [],
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    fakenet: result.fakenet,
  };
}
