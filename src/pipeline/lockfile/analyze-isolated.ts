/**
 * Isolated mode: one sandbox per package, as `dynaudit analyze` does it
 * (the package resolved from the registry with its own dependency tree),
 * a few sandboxes at once. Slower than a batch, but nothing is shared.
 * The whole analysis (tree scope) is handed out too, for `analyze` to reuse.
 */
import { DynauditError, isDynauditError, oneLine } from '../../common/errors.js';
import type { TraceEvent } from '../../events/types.js';
import type { LockPackage } from '../../lockfile/types.js';
import type { ReportPhase } from '../../report/report-model.js';
import { removeResolved, resolvePackage } from '../../resolve/index.js';
import type { Sandbox, SandboxOptions } from '../../sandbox/sandbox.js';
import { integrityKey } from '../../store/integrity-key.js';
import { phaseEvents } from '../session/phase-events.js';
import { throwIfAborted } from '../interrupt.js';
import { ownEvents } from '../session/own-events.js';
import type { PackageResult } from './package-result.js';
import { silentProgress } from '../progress.js';
import { runPool } from '../../common/run-pool.js';
import { runSandboxPhases } from '../session/run-session.js';

export interface IsolatedOptions {
  readonly sandbox: Sandbox;
  readonly sandboxOptions: SandboxOptions;
  readonly workDir: string;
  readonly registry?: string;
  readonly concurrency: number;
  readonly signal: AbortSignal;
}

export interface IsolatedResult {
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
  const startedAt = new Date();
  const spec = { kind: 'registry' as const, raw: `${pkg.name}@${pkg.version}`, name: pkg.name, range: pkg.version };
  const resolved = await resolvePackage(spec, { workDir: options.workDir, ...(options.registry ? { registry: options.registry } : {}) });
  let runs;
  try {
    if (integrityKey(resolved.integrity) !== integrityKey(verified)) {
      throw new DynauditError('E_INTEGRITY', `the registry's ${spec.raw} (${resolved.integrity}) is not the tarball fetched for the lockfile (${verified})`);
    }
    throwIfAborted(options.signal);
    runs = await runSandboxPhases(options.sandbox, { ...options.sandboxOptions }, resolved, silentProgress);
  } finally {
    await removeResolved(resolved);
  }
  const events: TraceEvent[] = runs.flatMap((run) => phaseEvents(run, pkg.name));
  const phases: ReportPhase[] = runs.map((run) => ({ name: run.name, status: run.status, durationMs: run.durationMs, exitCode: run.exitCode }));
  const installScripts = resolved.tree.filter((entry) => entry.hasInstallScript).map(({ name, version }) => ({ name, version }));
  const base = { phases, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), integrity: resolved.integrity };
  const own = ownEvents(events, (event) => event.attribution.package === pkg.name);
  return {
    own: { ...base, events: own, hasInstallScript: installScripts.some((entry) => entry.name === pkg.name && entry.version === pkg.version) },
    tree: { ...base, events, hasInstallScript: installScripts.length > 0, installScripts, versions: resolved.tree.map(({ name, version }) => ({ name, version })) },
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
