/**
 * A decision from a package's report (pure). The default policy's
 * `install-script` finding (low) only says that npm ran a script: that is
 * what the approval answers, so it does not count here; every other finding
 * does. fail -> deny; any other finding -> review (undecided, listed);
 * nothing else -> approve; no report or an analysis error -> review.
 */
import { severityRank, type Finding } from '../events/finding.js';
import { decideVerdict } from '../policy/decide-verdict.js';
import type { Decision, ScriptedPackage } from './types.js';
import type { VerdictOutcome } from './verdict-source.js';

const INSTALL_SCRIPT_RULE = 'install-script';

function describe(finding: Finding): string {
  return `${finding.severity.toUpperCase()} ${finding.summary} [${finding.rule}]`;
}

function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export function decide(pkg: ScriptedPackage, report: VerdictOutcome | undefined): Decision {
  if (report === undefined || 'skipped' in report) return { pkg, action: 'review', verdict: 'unanalyzed', reasons: [report?.skipped ?? 'not analyzed'] };
  if (!('findings' in report)) return { pkg, action: 'review', verdict: 'error', reasons: [`not analyzed: ${report.error.code} ${report.error.message}`] };
  const behaviour = report.findings.filter((finding) => finding.rule !== INSTALL_SCRIPT_RULE);
  const verdict = decideVerdict(behaviour, report.failOn);
  if (verdict === 'pass') {
    const scripts = report.findings.filter((finding) => finding.rule === INSTALL_SCRIPT_RULE).map((finding) => finding.summary);
    return { pkg, action: 'approve', verdict, reasons: scripts.length > 0 ? [...new Set(scripts)] : ['no findings'] };
  }
  return { pkg, action: verdict === 'fail' ? 'deny' : 'review', verdict, reasons: bySeverity(behaviour).map(describe) };
}
