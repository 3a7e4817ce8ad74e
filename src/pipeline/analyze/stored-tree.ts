/**
 * The result store as `dynaudit analyze` uses it: a registry package whose
 * tarball (by integrity), analyzer and sandbox image match a stored tree
 * analysis is judged from it, without resolving its tree or starting a
 * sandbox; a fresh analysis is stored for next time.
 */
import path from 'node:path';
import type { Config } from '../../common/config.js';
import { analyzerVersion } from '../../common/package-root.js';
import type { TraceEvent } from '../../events/types.js';
import type { ReportPhase } from '../../report/report-model.js';
import type { PackageSpec, ResolvedPackage } from '../../resolve/index.js';
import { createPacoteClient } from '../../resolve/registry-client.js';
import { resolveRegistryRoot } from '../../resolve/resolve-registry-root.js';
import { sandboxImageTag } from '../../sandbox/sandbox-image.js';
import type { ResultStore, StoredAnalysis, StoreKey } from '../../store/result-store.js';

async function keyFor(integrity: string, config: Config): Promise<StoreKey> {
  return { integrity, analyzerVersion: analyzerVersion(), image: await sandboxImageTag(config.imagesDir), runtime: config.runtime ?? 'runc' };
}

export async function findStoredTree(spec: PackageSpec, store: ResultStore, config: Config): Promise<StoredAnalysis | undefined> {
  if (spec.kind !== 'registry') return undefined;
  const client = createPacoteClient({ cacheDir: path.join(config.workDir, 'manifest-cache'), ...(config.registry ? { registry: config.registry } : {}) });
  const root = await resolveRegistryRoot(spec, client);
  return store.get(await keyFor(root.integrity, config), ['tree']);
}

export interface FinishedAnalysis {
  readonly resolved: ResolvedPackage;
  readonly phases: readonly ReportPhase[];
  readonly events: readonly TraceEvent[];
  readonly startedAt: Date;
}

export async function storeTree(store: ResultStore, config: Config, done: FinishedAnalysis): Promise<void> {
  const { resolved } = done;
  store.put({
    key: await keyFor(resolved.integrity, config),
    scope: 'tree',
    name: resolved.name,
    version: resolved.version,
    integrity: resolved.integrity,
    source: resolved.source,
    phases: done.phases,
    events: done.events,
    installScripts: resolved.tree.filter((entry) => entry.hasInstallScript).map(({ name, version }) => ({ name, version })),
    versions: resolved.tree.map(({ name, version }) => ({ name, version })),
    startedAt: done.startedAt.toISOString(),
    durationMs: Date.now() - done.startedAt.getTime(),
  });
}
