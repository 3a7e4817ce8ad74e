/** Text and JSON forms of an approve report (pure): one block per script with its decision and the behaviour behind it, then the change or the check. */
import type { ApproveEntry, ApproveReport } from './approve-report.js';

const COLORS = { red: 31, yellow: 33, green: 32, dim: 2 } as const;
const LABEL = { approve: 'APPROVE', deny: 'DENY', review: 'REVIEW' } as const;

function label(entry: ApproveEntry): string {
  if (entry.action) return LABEL[entry.action];
  return entry.current === 'allowed' ? 'ALLOWED' : entry.current === 'denied' ? 'DENIED' : 'BLOCKED';
}

export function formatApproveText(report: ApproveReport, options: { readonly color: boolean }): string {
  const paint = (color: keyof typeof COLORS, text: string): string => (options.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text);
  const colorOf = (text: string): keyof typeof COLORS => (/APPROVE|ALLOWED/.test(text) ? 'green' : /DENY|DENIED/.test(text) ? 'red' : 'yellow');
  const m = report.manager;
  const lines = [
    `${report.project}: ${m.name}${m.version ? ` ${m.version}` : ''} (${m.detectedBy}), ${m.setting}; ${report.lockfile.path} (${report.lockfile.format})`,
    '',
  ];
  if (report.entries.length === 0) lines.push('no package has install scripts');
  const width = Math.min(50, Math.max(10, ...report.entries.map((entry) => `${entry.name}@${entry.version}`.length)));
  for (const entry of report.entries) {
    const text = label(entry);
    const now = entry.current === 'unset' ? '' : ` (project: ${entry.current}${entry.key ? ` by "${entry.key}"` : ''})`;
    const verdict = entry.verdict ? `${entry.verdict}: ` : '';
    const [first, ...rest] = entry.reasons ?? ['not judged: the project does not let it run'];
    lines.push(`${paint(colorOf(text), text.padEnd(7))} ${`${entry.name}@${entry.version}`.padEnd(width)} ${verdict}${first}${now}`);
    for (const reason of rest) lines.push(`${' '.repeat(8 + width)} ${reason}`);
  }
  if (report.notes.length > 0) lines.push('', ...report.notes.map((note) => `note: ${note}`));
  const s = report.summary;
  lines.push('', `${s.scripts} script(s): ${s.approve} approve, ${s.deny} deny, ${s.review} to review`);
  if (report.change) {
    if (report.change.diff === '') lines.push(`${report.file} already says this; nothing to change`);
    else if (report.change.written) lines.push(`wrote ${report.file}:`, '', report.change.diff.trimEnd());
    else lines.push(`dry run, ${report.file} not written; the change:`, '', report.change.diff.trimEnd());
  }
  if (report.check) {
    const problems = report.check.problems;
    lines.push(report.check.passed ? paint('green', 'CHECK PASSED: every approved script was analyzed and none fails') : paint('red', `CHECK FAILED: ${problems.length} approval(s) of a failing or unanalyzed script`));
    for (const problem of problems) {
      const where = problem.key === null ? '' : ` by "${problem.key}"${problem.line === null ? '' : ` (${report.file}:${problem.line})`}`;
      lines.push(`  ${problem.name}@${problem.version} approved${where}: ${problem.verdict}${problem.reasons[0] ? `, ${problem.reasons[0]}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function formatApproveJson(report: ApproveReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
