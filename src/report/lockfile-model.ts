/** The report of a whole lockfile (`dynaudit lockfile`): one report per package plus a summary (JSON schemaVersion 1). */
import { severityRank, type Finding, type Severity, type Verdict } from '../events/finding.js';
import type { AnalysisReport } from './report-model.js';

export interface LockfilePackageReport extends AnalysisReport {
  /** True when the analysis came from the result store (judged again with the current policy). */
  readonly cached: boolean;
}

/** A package whose analysis could not be done (not found, integrity mismatch, sandbox failure). */
interface LockfileErrorReport {
  readonly schemaVersion: 1;
  readonly package: { readonly name: string; readonly version: string; readonly integrity: string; readonly source: string };
  readonly verdict: 'error';
  readonly error: { readonly code: string; readonly message: string };
  readonly cached: false;
}

export type LockfileEntryReport = LockfilePackageReport | LockfileErrorReport;

interface LockfileSkip {
  readonly name: string;
  readonly version: string | null;
  readonly source: string;
  readonly reason: string;
}

/**
 * A finding a batch saw while one package was being analyzed, which that
 * package did not show when analyzed alone: some other package of the batch
 * did it (deferred work such as a timer or a require hook, or tampering
 * with another package's files). It still counts for the lockfile's verdict.
 */
export interface UnattributedFinding extends Finding {
  /** The package under analysis when it was seen. */
  readonly seenWhile: { readonly name: string; readonly version: string };
  /** Packages of the batch that may have done it (imported before it in the same process), as far as they can be told. */
  readonly candidates: readonly { readonly name: string; readonly version: string }[];
}

interface LockfileSummary {
  /** Packages in the lockfile after deduplication (skipped ones not included). */
  readonly packages: number;
  readonly analyzed: number;
  readonly cached: number;
  readonly pass: number;
  readonly warn: number;
  readonly fail: number;
  readonly error: number;
  readonly skipped: number;
  /** Findings of the batch no package showed alone (see UnattributedFinding). */
  readonly unattributed: number;
  /** fail if any package (or an unattributed finding) fails, else error if any could not be analyzed, else warn if any warns, else pass. */
  readonly verdict: Verdict;
  readonly durationMs: number;
}

export interface LockfileReport {
  readonly schemaVersion: 1;
  readonly kind: 'lockfile';
  readonly tool: { readonly name: 'dynaudit'; readonly version: string };
  readonly lockfile: { readonly path: string; readonly format: string };
  readonly mode: 'batch' | 'isolated';
  readonly summary: LockfileSummary;
  readonly reports: readonly LockfileEntryReport[];
  readonly skipped: readonly LockfileSkip[];
  readonly unattributed: readonly UnattributedFinding[];
}

export function overallVerdict(
  reports: readonly { readonly verdict: Verdict }[],
  unattributed: readonly Finding[] = [],
  failOn: Severity = 'high',
): Verdict {
  const fromUnattributed: Verdict[] = unattributed.map((finding) => (severityRank(finding.severity) >= severityRank(failOn) ? 'fail' : 'warn'));
  const verdicts = [...reports.map((report) => report.verdict), ...fromUnattributed];
  for (const verdict of ['fail', 'error', 'warn'] as const) if (verdicts.includes(verdict)) return verdict;
  return 'pass';
}
