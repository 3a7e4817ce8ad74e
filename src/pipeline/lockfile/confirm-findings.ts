/**
 * A batch shares one sandbox (and one import process per chunk) between
 * many packages, so what one package defers — a timer, a require hook, a
 * file it plants in another package's folder — can show while another is
 * under analysis. A finding from a shared batch is therefore only taken
 * as a package's own once the package shows it alone too (pure parts
 * here: which results need it, and what did not come back).
 */
import type { Finding } from '../../events/finding.js';
import type { LockPackage } from '../../lockfile/types.js';
import type { AnalysisReport } from '../../report/report-model.js';
import type { UnattributedFinding } from '../../report/lockfile-model.js';
import type { StoredAnalysis } from '../../store/result-store.js';

/**
 * Findings that cannot come from another package: the note every install
 * script gets (attributed by npm's own process tree) and a platform
 * override (read from the package's own manifest, not from the trace).
 */
const EXACT_RULES = new Set(['install-script', 'platform-override']);

/** A batch result held back until the package is analyzed alone. */
export interface HeldResult {
  readonly pkg: LockPackage;
  readonly stored: StoredAnalysis;
  readonly report: AnalysisReport;
  /** Ids of the packages imported before it in the same process. */
  readonly loadedBefore: readonly string[];
}

/**
 * A finding one of the package's own execute steps made: seen in the
 * consumer process of its own execute phase (batch-execute.ts), where no
 * other package of the batch runs (its dependencies load before the steps
 * and count for nothing), so analyzing it alone would show the same. A
 * finding of that phase without a step (traffic charged by the phase's
 * window, a limit) is confirmed as any other.
 */
const byOwnStep = (finding: Finding): boolean => finding.phase === 'execute' && finding.attribution.call !== undefined;

export function needsConfirmation(report: AnalysisReport): boolean {
  return [...report.findings, ...(report.allowed ?? [])].some((finding) => !EXACT_RULES.has(finding.rule) && !byOwnStep(finding));
}

const key = (finding: Finding): string => `${finding.rule}\0${finding.phase}`;

/** Findings of the batch whose rule did not fire in the same phase when the package was analyzed alone (allowed ones count as fired). */
export function unconfirmedFindings(batch: AnalysisReport, alone: AnalysisReport): Finding[] {
  const fired = new Set([...alone.findings, ...(alone.allowed ?? [])].map(key));
  return batch.findings.filter((finding) => !fired.has(key(finding)));
}

/**
 * The lockfile-level entries for what the package did not show alone,
 * naming who else may have done it: the packages imported before it in the
 * same process, but for its own dependencies (they were imported before it
 * alone too).
 */
export function unattributed(
  held: HeldResult,
  findings: readonly Finding[],
  byId: ReadonlyMap<string, LockPackage>,
  ownDependencies: ReadonlySet<string>,
): UnattributedFinding[] {
  const seenWhile = { name: held.pkg.name, version: held.pkg.version };
  const candidates = held.loadedBefore
    .filter((id) => !ownDependencies.has(id))
    .map((id) => byId.get(id))
    .filter((pkg) => pkg !== undefined)
    .map(({ name, version }) => ({ name, version }));
  return findings.map((finding) => ({
    ...finding,
    seenWhile,
    candidates: finding.phase === 'install' ? [] : candidates,
  }));
}
