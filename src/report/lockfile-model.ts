/** The report of a whole lockfile (`dynaudit lockfile`): one report per package plus a summary (JSON schemaVersion 1). */
import type { Verdict } from '../events/finding.js';
import type { AnalysisReport } from './report-model.js';

export interface LockfilePackageReport extends AnalysisReport {
  /** True when the analysis came from the result store (judged again with the current policy). */
  readonly cached: boolean;
}

/** A package whose analysis could not be done (not found, integrity mismatch, sandbox failure). */
export interface LockfileErrorReport {
  readonly schemaVersion: 1;
  readonly package: { readonly name: string; readonly version: string; readonly integrity: string; readonly source: string };
  readonly verdict: 'error';
  readonly error: { readonly code: string; readonly message: string };
  readonly cached: false;
}

export type LockfileEntryReport = LockfilePackageReport | LockfileErrorReport;

export interface LockfileSkip {
  readonly name: string;
  readonly version: string | null;
  readonly source: string;
  readonly reason: string;
}

export interface LockfileSummary {
  /** Packages in the lockfile after deduplication (skipped ones not included). */
  readonly packages: number;
  readonly analyzed: number;
  readonly cached: number;
  readonly pass: number;
  readonly warn: number;
  readonly fail: number;
  readonly error: number;
  readonly skipped: number;
  /** fail if any package fails, else error if any could not be analyzed, else warn if any warns, else pass. */
  readonly verdict: Verdict;
  readonly durationMs: number;
}

export interface LockfileReport {
  readonly schemaVersion: 1;
  readonly kind: 'lockfile';
  readonly tool: { readonly name: 'dynaudit'; readonly version: string };
  readonly lockfile: { readonly path: string; readonly format: string };
  readonly mode: string;
  readonly summary: LockfileSummary;
  readonly reports: readonly LockfileEntryReport[];
  readonly skipped: readonly LockfileSkip[];
}

export function overallVerdict(reports: readonly { readonly verdict: Verdict }[]): Verdict {
  for (const verdict of ['fail', 'error', 'warn'] as const) if (reports.some((report) => report.verdict === verdict)) return verdict;
  return 'pass';
}
