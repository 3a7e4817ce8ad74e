/**
 * Isolated mode: one sandbox per package, exactly as `dynaudit analyze`
 * does it (the package resolved from the registry with its own dependency
 * tree, bait, fake internet), a few sandboxes at once. Slower than a batch,
 * but nothing is shared. The whole analysis (tree scope) is handed out too,
 * for `analyze` to reuse.
 */
import { DynauditError, isDynauditError, oneLine } from '../../common/errors.js';
import { runPool } from '../../common/run-pool.js';
import type { LockPackage } from '../../lockfile/types.js';
import { resolvePackage, removeResolved, type ResolvedPackage } from '../../resolve/index.js';
import { integrityKey } from '../../store/integrity-key.js';
import { throwIfAborted } from '../interrupt.js';
import { silentProgress } from '../progress.js';
import { resolveOptions } from '../registry-access.js';
import { analyzeInSandbox, type SandboxContext } from '../session/analyze-in-sandbox.js';
import { ownEvents } from '../session/own-events.js';
import type { PackageResult } from './package-result.js';

export interface IsolatedOptions {
  readonly context: Omit<SandboxContext, 'progress'>;
  readonly concurrency: number;
  readonly signal: AbortSignal;
}

interface IsolatedResult {
  /** The package's own doings, as a lockfile reports it. */
  readonly own: PackageResult;
  /** Everything the install of its tree did, as `analyze` reports it. */
  readonly tree: PackageResult & {
    readonly installScripts: readonly { name: string; version: string }[];
    readonly versions: readonly { name: string; version: string }[];
  };
}

export type IsolatedSink = (id: string, outcome: IsolatedResult | DynauditError) => void;

async function analyzeOne(pkg: LockPackage, verified: string, options: IsolatedOptions): Promise<IsolatedResult> {
  const { config } = options.context;
  const spec = { kind: 'registry' as const, raw: `${pkg.name}@${pkg.version}`, name: pkg.name, range: pkg.version };
  const resolve = async (): Promise<ResolvedPackage> => {
    const resolved = await resolvePackage(spec, resolveOptions(config));
    if (integrityKey(resolved.integrity) !== integrityKey(verified)) {
      await removeResolved(resolved);
      throw new DynauditError('E_INTEGRITY', `the registry's ${spec.raw} (${resolved.integrity}) is not the tarball fetched for the lockfile (${verified})`);
    }
    throwIfAborted(options.signal);
    return resolved;
  };
  const run = await analyzeInSandbox(resolve, { ...options.context, progress: silentProgress });
  const { resolved } = run;
  const installScripts = resolved.tree.filter((entry) => entry.hasInstallScript).map(({ name, version }) => ({ name, version }));
  const base = { phases: run.phases, startedAt: run.startedAt, durationMs: run.durationMs, integrity: resolved.integrity, fakenet: run.fakenet };
  const own = ownEvents(run.events, (event) => event.attribution.package === pkg.name);
  return {
    own: { ...base, events: own, hasInstallScript: installScripts.some((entry) => entry.name === pkg.name && entry.version === pkg.version) },
    tree: { ...base, events: run.events, hasInstallScript: installScripts.length > 0, installScripts, versions: resolved.tree.map(({ name, version }) => ({ name, version })) },
  };
}

export async function analyzeIsolated(
  todo: readonly LockPackage[],
  verified: ReadonlyMap<string, string>,
  options: IsolatedOptions,
  sink: IsolatedSink,
): Promise<void> {
  await runPool(todo, options.concurrency, options.signal, async (pkg) => {
    try {
      sink(pkg.id, await analyzeOne(pkg, verified.get(pkg.id) ?? pkg.integrity ?? '', options));
    } catch (error) {
      if (options.signal.aborted) throw error;
      sink(pkg.id, isDynauditError(error) ? error : new DynauditError('E_SANDBOX', oneLine(error), { cause: error }));
    }
  });
}
