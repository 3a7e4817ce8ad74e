/**
 * The history of nightly sweeps, kept in the result store beside the
 * analyses: each run of a sweep file, every package's result in it
 * (verdict, findings, behaviour), and the verdicts that changed since the
 * run before. sql-sweep-history.ts implements it on the store's database.
 */
import type { Verdict } from '../events/finding.js';
import type { Behaviour } from '../report/diff-model.js';
import type { RecordedFinding } from '../report/sweep-model.js';
import type { Owner } from '../sandbox/owner.js';

export type SweepRunStatus = 'running' | 'interrupted' | 'complete';

export interface SweepRun {
  readonly id: string;
  /** The sweep file (absolute path): its runs are compared with each other. */
  readonly sweep: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: SweepRunStatus;
  /** The dynaudit process running it (a run whose process is gone can be resumed). */
  readonly owner: Owner;
  readonly verdict: Verdict | null;
}

/** `locked`: a package of a project's lockfile; `release`: a newer release found by watch. */
type SweepRecordKind = 'locked' | 'release';

export interface SweepRecord {
  readonly project: string;
  readonly kind: SweepRecordKind;
  readonly name: string;
  readonly version: string;
  /** For a release: the locked version it was compared with. */
  readonly lockedVersion: string | null;
  readonly integrity: string;
  /** Identity of the analysis it was judged from: a record with the same one may reuse the behaviour. */
  readonly analysis: string;
  readonly verdict: Verdict;
  readonly findings: readonly RecordedFinding[];
  readonly behaviour: Behaviour;
}

export interface VerdictChange {
  readonly project: string;
  readonly kind: SweepRecordKind;
  readonly name: string;
  readonly version: string;
  readonly previous: Verdict;
  readonly verdict: Verdict;
}

export type BeginResult = { readonly run: SweepRun; readonly resumed: boolean } | { readonly busy: SweepRun };

export interface SweepHistory {
  /**
   * Starts a run of the sweep file, atomically: an unfinished run whose
   * process is gone (interrupted, killed) is taken over and resumed; one
   * whose process still runs makes this one `busy`.
   */
  begin(sweep: string, owner: Owner, isGone: (owner: Owner) => boolean, now: string): BeginResult;
  /** What the last complete run before `run` that recorded the project recorded of it. */
  baseline(run: SweepRun, project: string): { readonly run: SweepRun; readonly records: SweepRecord[] } | undefined;
  /** The complete runs of the sweep file, newest first. */
  recent(sweep: string, limit: number): SweepRun[];
  records(runId: string, project?: string): SweepRecord[];
  /** Replaces the run's records of one project and its verdict changes, in one transaction. */
  recordProject(runId: string, project: string, records: readonly SweepRecord[], changes: readonly VerdictChange[]): void;
  verdictChanges(runId: string): VerdictChange[];
  finish(runId: string, status: Exclude<SweepRunStatus, 'running'>, verdict: Verdict | null, now: string): void;
}
