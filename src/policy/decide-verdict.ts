/** The verdict from findings: fail at or above the threshold, warn on any finding, else pass (pure). */
import { severityRank, type Finding, type Severity, type Verdict } from '../events/finding.js';

export function decideVerdict(findings: readonly Finding[], failOn: Severity): Exclude<Verdict, 'error'> {
  if (findings.some((finding) => severityRank(finding.severity) >= severityRank(failOn))) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}
