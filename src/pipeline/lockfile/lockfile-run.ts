/**
 * The state of one `dynaudit lockfile` run and how a package's report gets
 * into it: judged from a fresh or stored analysis (the judged report is
 * kept beside the analysis, so the same policy reads it back next time),
 * or an error entry; progress hears of each as it finishes.
 */
import type { Config } from '../../common/config.js';
import type { DynauditError } from '../../common/errors.js';
import type { Severity } from '../../events/finding.js';
import type { LockfileGraph, LockPackage } from '../../lockfile/types.js';
import type { Policy } from '../../policy/index.js';
import type { LockfileEntryReport, UnattributedFinding } from '../../report/lockfile-model.js';
import type { ContainerEngine } from '../../sandbox/container-engine.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import type { ResultStore, StoredAnalysis } from '../../store/result-store.js';
import { buildReport } from '../judge/build-report.js';
import type { OpenBatchRunner } from './batch-runner.js';
import { judgeKey } from '../judge/judge-key.js';
import type { SandboxIdentity } from '../session/sandbox-identity.js';
import { storeKey } from '../session/sandbox-identity.js';
import { packageIdentity } from './lockfile-phases.js';
import { lookupPackage } from './lockfile-store.js';

const LOCKFILE_MODES = ['batch', 'isolated'] as const;
export type LockfileMode = (typeof LOCKFILE_MODES)[number];

export interface LockfileOptions {
  readonly cwd: string;
  readonly failOn?: Severity;
  readonly noCache: boolean;
  readonly mode: LockfileMode;
  readonly signal: AbortSignal;
  /** Label of every container of this run (Ctrl-C removes them by it). */
  readonly runId?: string;
  /** Packages per chunk loader run in batch mode (default DEFAULT_CHUNK_SIZE). */
  readonly chunkSize?: number;
  /** Only these package ids are analyzed and reported (approve: the packages with install scripts); all when absent. */
  readonly only?: ReadonlySet<string>;
}

/** Progress of a run as packages finish (the CLI draws it on stderr). */
export interface LockfileProgress {
  start(total: number): void;
  done(report: LockfileEntryReport): void;
  log(message: string): void;
}

export interface LockfileDependencies {
  readonly engine: ContainerEngine;
  readonly sandbox: Sandbox;
  readonly config: Config;
  readonly store: ResultStore;
  readonly progress: LockfileProgress;
  /** Builds a package's report (injectable for tests); buildReport by default. */
  readonly judge?: typeof buildReport;
  /** Where batch mode's batches run (`--queue`: workers); this machine's sandboxes when absent. */
  readonly openBatchRunner?: OpenBatchRunner;
}

export interface LockfileRun {
  readonly graph: LockfileGraph;
  readonly options: LockfileOptions;
  readonly deps: LockfileDependencies;
  readonly identity: SandboxIdentity;
  /** Ids of the packages whose execute phase runs (lockfile-phases.ts). */
  readonly executed: ReadonlySet<string>;
  readonly policy: Policy;
  readonly failOn: Severity;
  /** Hash of the effective policy and failOn: judged reports are kept under it. */
  readonly policyHash: string;
  readonly reports: Map<string, LockfileEntryReport>;
  /** Findings of a shared batch that no package showed alone. */
  readonly unattributed: UnattributedFinding[];
}

/** The sandbox identity the package's analysis is stored under: the run's, less the phases it does not get. */
export function identityOf(run: LockfileRun, pkg: LockPackage): SandboxIdentity {
  return packageIdentity(run.identity, run.executed, pkg);
}

/** Records a package's report; progress hears of each package once, however often its report is replaced. */
export function finish(run: LockfileRun, id: string, report: LockfileEntryReport): void {
  const first = !run.reports.has(id);
  run.reports.set(id, report);
  if (first) run.deps.progress.done(report);
}

/** Judges the analysis and keeps the report beside it, so the same policy reads it back next time. */
export function judged(run: LockfileRun, pkg: LockPackage, stored: StoredAnalysis, cached: boolean): LockfileEntryReport {
  const report = (run.deps.judge ?? buildReport)(stored, run.policy, run.failOn);
  run.deps.store.putJudged(stored.key, judgeKey(run.policyHash, pkg), report);
  return { ...report, cached };
}

/** The stored report judged under the same policy, or the stored analysis judged now; undefined when nothing is stored. */
export function fromStore(run: LockfileRun, pkg: LockPackage, integrity: string): LockfileEntryReport | undefined {
  const identity = identityOf(run, pkg);
  const report = run.deps.store.getJudged(storeKey(integrity, identity), judgeKey(run.policyHash, pkg));
  if (report) return { ...report, cached: true };
  const stored = lookupPackage(run.deps.store, pkg, integrity, identity);
  return stored ? judged(run, pkg, stored, true) : undefined;
}

export function errorReport(pkg: LockPackage, error: DynauditError): LockfileEntryReport {
  const pkgInfo = { name: pkg.name, version: pkg.version, integrity: pkg.integrity ?? '', source: 'registry' };
  return { schemaVersion: 1, package: pkgInfo, verdict: 'error', error: { code: error.code, message: error.message }, cached: false };
}
