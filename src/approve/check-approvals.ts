/**
 * `approve --check` (pure): every script the project lets run must have been
 * analyzed and must not fail. Warnings pass (a person approved what the
 * report listed) but stay listed.
 */
import type { CheckProblem } from './approve-report.js';
import type { ApprovalFormat, ApprovalLookup, Decision, ProjectFiles } from './types.js';

export interface Checked {
  readonly lookup: ApprovalLookup;
  readonly decision: Decision;
}

export function checkApprovals(checked: readonly Checked[], format: ApprovalFormat, files: ProjectFiles): CheckProblem[] {
  return checked.flatMap(({ lookup, decision }): CheckProblem[] => {
    if (lookup.state !== 'allowed') return [];
    const unanalyzed = decision.verdict === 'error' || decision.verdict === 'unanalyzed';
    if (decision.action !== 'deny' && !unanalyzed) return [];
    return [
      {
        name: decision.pkg.name,
        version: decision.pkg.version,
        problem: unanalyzed ? 'approved-unanalyzed' : 'approved-failing',
        verdict: decision.verdict,
        key: lookup.key ?? null,
        line: lookup.key === undefined ? null : format.lineOf(files, lookup.key),
        reasons: decision.reasons,
      },
    ];
  });
}
