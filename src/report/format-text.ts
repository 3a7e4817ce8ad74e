/** The terminal report: verdict first, findings by phase and severity, then what was observed (pure). */
import { severityRank, type Finding } from '../events/finding.js';
import type { Attribution } from '../events/types.js';
import type { AnalysisReport } from './report-model.js';
import { connectionText, exfiltrationLines, networkObservedLines } from './format-network-text.js';
import { painter, verdictColor, type Paint } from './paint.js';

export interface TextOptions {
  readonly color: boolean;
}


function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function who(attribution: Attribution): string {
  if (attribution.package === null) return 'npm';
  return `${attribution.package} (${attribution.via === 'import' ? 'import' : 'install script'})`;
}

function findingLines(findings: readonly Finding[], paint: Paint): string[] {
  const lines: string[] = [];
  for (const phase of ['install', 'import', 'execute'] as const) {
    const inPhase = findings.filter((finding) => finding.phase === phase).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    if (inPhase.length === 0) continue;
    lines.push(`  ${phase}:`);
    for (const finding of inPhase) {
      const level = finding.severity.toUpperCase().padEnd(8);
      const color = severityRank(finding.severity) >= severityRank('high') ? 'red' : 'yellow';
      lines.push(`    ${paint(color, level)} ${finding.summary}  [${finding.rule}, ${finding.category}] by ${who(finding.attribution)}`);
      const kept = finding.downgradedBy;
      if (kept) lines.push(paint('dim', `             ${kept.from} by the rule, kept at ${finding.severity} by ${kept.source ?? 'a policy'}: ${kept.reason}`));
      for (const evidence of finding.evidence) lines.push(paint('dim', `             ${evidence}`));
    }
  }
  return lines;
}

export function formatText(report: AnalysisReport, options: TextOptions): string {
  const paint = painter(options.color);
  const pkg = report.package;
  const lines = [
    `${paint(verdictColor(report.verdict), paint('bold', report.verdict.toUpperCase()))}  ${pkg.name}@${pkg.version}  (${pkg.source}, ${pkg.integrity.slice(0, 20)}…)`,
    `phases: ${report.phases.map((phase) => `${phase.name}${phase.daysAhead ? ` (+${phase.daysAhead} d)` : ''} ${phase.status} in ${seconds(phase.durationMs)}`).join(', ')}`,
  ];
  for (const phase of report.phases) {
    if (phase.status !== 'completed' && phase.outputTail) {
      lines.push(paint('dim', `  ${phase.name} output (last lines):`), ...phase.outputTail.split('\n').map((line) => paint('dim', `    ${line}`)));
    }
  }
  lines.push('');
  if (report.findings.length === 0) lines.push(`no findings (fail threshold: ${report.failOn})`);
  else lines.push(`${report.findings.length} finding(s) (fail threshold: ${report.failOn}):`, ...findingLines(report.findings, paint));
  const allowed = report.allowed ?? [];
  if (allowed.length > 0) {
    lines.push(`${allowed.length} finding(s) accepted by an allowlist (not counted):`);
    for (const finding of allowed) {
      lines.push(paint('dim', `    ${finding.severity.padEnd(8)} ${finding.summary}  [${finding.rule}] by ${who(finding.attribution)}: ${finding.allowedBy.reason}`));
    }
  }
  lines.push(...exfiltrationLines(report, paint));
  const observed = report.observed;
  const byPackages = observed.processes.filter((process) => process.attribution.via !== 'package-manager');
  lines.push(
    '',
    `observed: ${observed.processes.length + observed.processesOmitted} process(es), ${observed.files.reads} file read(s), ` +
      `${observed.files.writes} file write(s), ${observed.network.length} connection attempt(s), ${observed.dns.length} DNS quer(ies)`,
  );
  for (const process of byPackages.slice(0, 20)) {
    lines.push(`  ${process.phase} ${who(process.attribution)}: ${process.argv.join(' ').slice(0, 160)}${process.ok ? '' : ` (failed: ${process.error})`}`);
  }
  for (const connection of observed.network) {
    lines.push(`  ${connection.phase} ${who(connection.attribution)}: ${connectionText(connection)}`);
  }
  for (const query of observed.dns) {
    lines.push(`  ${query.phase} ${who(query.attribution)}: dns ${query.type ?? '?'} ${query.name ?? '(name not seen)'}${query.answer ? ` -> ${query.answer}` : ''}`);
  }
  lines.push(...networkObservedLines(report));
  lines.push(
    report.installScripts.length === 0
      ? 'install scripts: none in the installed tree'
      : `install scripts: ${report.installScripts.map((entry) => `${entry.name}@${entry.version}`).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
