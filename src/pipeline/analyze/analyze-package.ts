/**
 * `dynaudit analyze`: spec -> resolve (host) -> sandbox phases -> trace ->
 * policy -> report. Bad input and infrastructure failures throw typed
 * errors; whatever the package does is data in the report. A stored
 * analysis of the same tarball, analyzer, sandbox and network is judged
 * instead of analyzing again, into the same report.
 */
import type { Config } from '../../common/config.js';
import type { Severity } from '../../events/finding.js';
import type { AnalysisReport } from '../../report/index.js';
import { DynauditError } from '../../common/errors.js';
import { parseSpec, removeResolved, resolvePackage, type PackageSpec, type ResolvedPackage } from '../../resolve/index.js';
import { integrityKey } from '../../store/integrity-key.js';
import type { ContainerEngine } from '../../sandbox/container-engine.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { ensureSandboxImage } from '../../sandbox/sandbox-image.js';
import type { ResultStore, StoredAnalysis } from '../../store/result-store.js';
import { buildReport } from '../judge/build-report.js';
import { planFakenet } from '../network/fakenet-stage.js';
import type { Progress } from '../progress.js';
import { configuredPolicies } from '../policy-access.js';
import { resolveOptions } from '../registry-access.js';
import { analyzeInSandbox } from '../session/analyze-in-sandbox.js';
import { sandboxIdentity, type SandboxIdentity } from '../session/sandbox-identity.js';
import { findStoredTree, treeAnalysis } from './stored-tree.js';

export interface AnalyzeDependencies {
  readonly engine: ContainerEngine;
  readonly sandbox: Sandbox;
  readonly config: Config;
  readonly progress: Progress;
  /** Result store: a stored analysis of the same tarball, analyzer and sandbox is re-judged instead of re-run. */
  readonly store?: ResultStore;
  /** Where the analysis runs (`--queue`: a worker); this machine's sandbox when absent. */
  readonly analyzeTree?: (spec: PackageSpec, identity: SandboxIdentity) => Promise<StoredAnalysis>;
}

export interface AnalyzeOptions {
  readonly cwd: string;
  /** Overrides the policy's failOn. */
  readonly failOn?: Severity;
  /** Analyze again even when the store has a result (the new one replaces it). */
  readonly noCache?: boolean;
}

export async function analyzePackage(rawSpec: string, options: AnalyzeOptions, deps: AnalyzeDependencies): Promise<AnalysisReport> {
  const { config, progress } = deps;
  const spec = parseSpec(rawSpec, options.cwd);
  // The policies are ready before any Docker work, so an invalid file fails first: from the cache in milliseconds; a file it
  // lacks is parsed on this thread (~0.4 s of CPU), which run beside the sandbox's start delayed the start as much.
  const [policy, identity] = await Promise.all([configuredPolicies(config), sandboxIdentity(config)]);
  const failOn = options.failOn ?? policy.failOn;
  const stored = deps.store && !options.noCache ? await findStoredTree(spec, deps.store, identity, config) : undefined;
  if (stored) {
    progress(`using the stored analysis of ${stored.name}@${stored.version} from ${stored.startedAt} (--no-cache analyzes again)`);
    return buildReport(stored, policy, failOn);
  }
  const analysis = await (deps.analyzeTree ?? ((tree, id) => analyzeTree(tree, deps, id)))(spec, identity);
  deps.store?.put(analysis);
  return buildReport(analysis, policy, failOn);
}

/**
 * Resolves the package and analyzes it with its whole tree in a sandbox of
 * its own (no store). `integrity`: the tarball the caller resolved, which
 * the registry must still serve (a queue worker analyzes that or nothing).
 */
export async function analyzeTree(spec: PackageSpec, deps: Omit<AnalyzeDependencies, 'store' | 'analyzeTree'>, identity: SandboxIdentity, integrity?: string): Promise<StoredAnalysis> {
  const { config, progress } = deps;
  await deps.engine.ping();
  const image = await ensureSandboxImage(deps.engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: progress });
  const fakenet = await planFakenet(deps.engine, config, image, progress);
  const resolve = async (): Promise<ResolvedPackage> => {
    const resolved = await resolvePackage(spec, resolveOptions(config, progress));
    if (integrity !== undefined && integrityKey(resolved.integrity) !== integrityKey(integrity)) {
      await removeResolved(resolved);
      throw new DynauditError('E_INTEGRITY', `the registry's ${resolved.name}@${resolved.version} (${resolved.integrity}) is not the tarball the caller resolved (${integrity})`);
    }
    progress(`resolved ${resolved.name}@${resolved.version} (${resolved.tree.length} package(s) in the tree)`);
    return resolved;
  };
  const run = await analyzeInSandbox(resolve, { sandbox: deps.sandbox, config, image, fakenet, progress });
  return treeAnalysis(run.resolved, run, identity);
}
