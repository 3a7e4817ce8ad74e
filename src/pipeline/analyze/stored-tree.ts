/**
 * The result store as `dynaudit analyze` uses it: a registry package whose
 * tarball (by integrity), analyzer, sandbox and network match a stored tree
 * analysis is judged from it, without resolving its tree or starting a
 * sandbox; a fresh analysis is stored for next time.
 */
import type { Config } from '../../common/config.js';
import { platformText, type PackageSpec, type ResolvedPackage } from '../../resolve/index.js';
import { platformEvent } from '../session/limit-events.js';
import { resolveRegistryRoot } from '../../resolve/resolve-registry-root.js';
import type { ResultStore, StoredAnalysis } from '../../store/result-store.js';
import { sharedRegistryClient } from '../registry-access.js';
import type { PackageRun } from '../session/analyze-in-sandbox.js';
import { storeKey, type SandboxIdentity } from '../session/sandbox-identity.js';

export async function findStoredTree(spec: PackageSpec, store: ResultStore, identity: SandboxIdentity, config: Config): Promise<StoredAnalysis | undefined> {
  if (spec.kind !== 'registry') return undefined;
  const root = await resolveRegistryRoot(spec, sharedRegistryClient(config));
  return store.get(storeKey(root.integrity, identity), ['tree']);
}

/** The analysis of a package and its whole tree, as `analyze` stores and reports it. */
export function treeAnalysis(resolved: ResolvedPackage, run: PackageRun, identity: SandboxIdentity): StoredAnalysis {
  return {
    key: storeKey(resolved.integrity, identity),
    scope: 'tree',
    name: resolved.name,
    version: resolved.version,
    integrity: resolved.integrity,
    source: resolved.source,
    phases: run.phases,
    // A package of the tree built for another platform was installed and loaded anyway: the report says so.
    events: [...run.events, ...resolved.platformOverrides.map((entry) => platformEvent(entry.name, platformText(entry), Date.parse(run.startedAt)))],
    installScripts: resolved.tree.filter((entry) => entry.hasInstallScript).map(({ name, version }) => ({ name, version })),
    versions: resolved.tree.map(({ name, version }) => ({ name, version })),
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    fakenet: run.fakenet,
  };
}
