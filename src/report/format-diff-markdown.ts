/** A diff as Markdown to paste into a chat or an issue (pure); everything a package did is escaped or in code spans. */
import { changeLines, type ChangeSet } from './behaviour-lines.js';
import type { DiffReport } from './diff-model.js';
import { diffHeadline } from './format-diff.js';
import { mdCode, mdText } from './markdown-text.js';

const MAX_LINES = 40;

/** A bullet list of changes; what the package did (summaries, hosts, commands, paths) in code spans, so no URL in it becomes a link. */
export function markdownChanges(changes: ChangeSet, sign: string): string[] {
  const lines = changeLines(changes);
  if (lines.length === 0) return ['- nothing'];
  const shown = lines.slice(0, MAX_LINES).map((line) =>
    line.severity ? `- ${sign} **${line.severity.toUpperCase()}** ${mdCode(line.text)}` : `- ${sign} ${line.label} ${mdCode(line.text)}`,
  );
  return lines.length > MAX_LINES ? [...shown, `- … and ${lines.length - MAX_LINES} more`] : shown;
}

export function formatDiffMarkdown(report: DiffReport): string {
  const side = (label: string, s: DiffReport['from']) =>
    `- ${label}: ${mdCode(`${s.name}@${s.version}`)}, ${s.verdict}, ${s.packages} package(s) in its tree${s.stored ? ' (from the store)' : ''}`;
  return `${[
    `### dynaudit diff: **${report.verdict.toUpperCase()}** — ${mdText(diffHeadline(report))}`,
    '',
    side('from', report.from),
    side('to', report.to),
    '',
    '**Added**',
    '',
    ...markdownChanges(report.added, '+'),
    '',
    '**Removed**',
    '',
    ...markdownChanges(report.removed, '−'),
  ].join('\n')}\n`;
}
