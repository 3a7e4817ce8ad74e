/** Text and JSON forms of a lockfile report (pure). Text: one line per package (verdict, top finding), unattributed findings, skipped entries, totals. */
import { severityRank, type Finding } from '../events/finding.js';
import type { LockfileEntryReport, LockfileReport } from './lockfile-model.js';
import { painter, verdictColor } from './paint.js';

function topFinding(findings: readonly Finding[]): Finding | undefined {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
}

function describe(report: LockfileEntryReport): string {
  if (!('findings' in report)) return `${report.error.code}: ${report.error.message}`;
  const top = topFinding(report.findings);
  const failedPhases = report.phases.filter((phase) => phase.status !== 'completed').map((phase) => `${phase.name} ${phase.status}`);
  const parts = [
    top ? `${top.severity.toUpperCase()} ${top.summary} [${top.rule}]${report.findings.length > 1 ? ` (+${report.findings.length - 1} more)` : ''}` : 'no findings',
    ...(failedPhases.length > 0 ? [failedPhases.join(', ')] : []),
  ];
  return parts.join('; ');
}

export function formatLockfileText(report: LockfileReport, options: { readonly color: boolean }): string {
  const paint = painter(options.color);
  const width = Math.min(60, Math.max(10, ...report.reports.map((entry) => `${entry.package.name}@${entry.package.version}`.length)));
  const lines = [`${report.lockfile.path} (${report.lockfile.format}, ${report.mode} mode)`, ''];
  for (const entry of report.reports) {
    const id = `${entry.package.name}@${entry.package.version}`.padEnd(width);
    const verdict = paint(verdictColor(entry.verdict), entry.verdict.toUpperCase().padEnd(5));
    lines.push(`${verdict} ${id} ${entry.cached ? paint('dim', 'stored ') : '       '}${describe(entry)}`);
  }
  if (report.unattributed.length > 0) {
    lines.push('', `seen in the batch but shown by no package alone (${report.unattributed.length}):`);
    for (const finding of report.unattributed) {
      const who = finding.candidates.length > 0 ? `; imported before it: ${finding.candidates.slice(0, 5).map((c) => `${c.name}@${c.version}`).join(', ')}${finding.candidates.length > 5 ? ', …' : ''}` : '';
      lines.push(`  ${paint(verdictColor(finding.severity === 'low' || finding.severity === 'medium' ? 'warn' : 'fail'), finding.severity.toUpperCase())} ${finding.summary} [${finding.rule}] while analyzing ${finding.seenWhile.name}@${finding.seenWhile.version} (${finding.phase})${who}`);
    }
  }
  if (report.skipped.length > 0) {
    lines.push('', `skipped ${report.skipped.length}:`);
    for (const skip of report.skipped) lines.push(paint('dim', `  ${skip.name}${skip.version ? `@${skip.version}` : ''}: ${skip.reason} (${skip.source})`));
  }
  const s = report.summary;
  lines.push(
    '',
    `${paint(verdictColor(s.verdict), s.verdict.toUpperCase())}  ${s.packages} package(s): ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.error} error; ` +
      `${s.analyzed} analyzed, ${s.cached} from the store, ${s.skipped} skipped; ${(s.durationMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatLockfileJson(report: LockfileReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
