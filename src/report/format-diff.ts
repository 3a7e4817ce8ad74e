/** The text and JSON forms of a diff (pure): the verdict and both versions first, then what was added, then what was removed. */
import { changeLines, severityPrefix, type ChangeSet } from './behaviour-lines.js';
import type { DiffReport, DiffSide } from './diff-model.js';
import { painter, verdictColor, type Paint } from './paint.js';

function sideLine(label: string, side: DiffSide): string {
  return `  ${label} ${side.name}@${side.version}: ${side.verdict}, ${side.packages} package(s) in its tree${side.stored ? ', all from the store' : ''}`;
}

/** `+ label text` lines, or a line saying there is nothing. */
export function changeBlock(changes: ChangeSet, sign: '+' | '-', paint: Paint, indent = '  '): string[] {
  const lines = changeLines(changes);
  if (lines.length === 0) return [paint('dim', `${indent}(nothing)`)];
  const width = Math.max(...lines.map((line) => line.label.length));
  return lines.map((line) => {
    const text = `${indent}${sign} ${line.label.padEnd(width)}  ${severityPrefix(line)}${line.text}`;
    return line.severity === 'critical' || line.severity === 'high' ? paint('red', text) : text;
  });
}

export function diffHeadline(report: DiffReport): string {
  const what =
    report.verdict === 'fail'
      ? `adds a finding at or above ${report.failOn}`
      : report.verdict === 'warn'
        ? 'adds behaviour, nothing at or above the fail threshold'
        : 'adds nothing';
  return `${report.from.name}@${report.from.version} -> ${report.to.name}@${report.to.version} ${what}`;
}

export function formatDiffText(report: DiffReport, options: { readonly color: boolean }): string {
  const paint = painter(options.color);
  const lines = [
    `${paint(verdictColor(report.verdict), paint('bold', report.verdict.toUpperCase()))}  ${diffHeadline(report)}`,
    sideLine('from', report.from),
    sideLine('to  ', report.to),
    '',
    'ADDED',
    ...changeBlock(report.added, '+', paint),
    '',
    'REMOVED',
    ...changeBlock(report.removed, '-', paint),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatDiffJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
