/** A sweep as Markdown to paste into a chat or an issue (pure): what changed first, then new failures and what still fails. */
import { markdownChanges } from './format-diff-markdown.js';
import { sweepHeadline } from './format-sweep.js';
import { mdCode, mdText } from './markdown-text.js';
import type { SweepProjectReport, SweepReport } from './sweep-model.js';
import { sweepItems } from './sweep-items.js';

function projectChanges(project: SweepProjectReport): string[] {
  if (project.error) return [`**${project.name}**: cannot be analyzed (${mdText(`${project.error.code}: ${project.error.message}`)})`, ''];
  const items = sweepItems(project);
  const note = project.changes === null ? ' — first sweep, nothing to compare with' : items.length === 0 ? ' — no changes' : '';
  return [
    `**${project.name}**${note}`,
    '',
    ...items.flatMap((item) => [
      `- **${item.kind}** ${mdCode(item.title)}${item.verdict ? `: **${item.verdict.toUpperCase()}**` : ''}${item.error ? ` — ${mdText(item.error)}` : ''}`,
      ...(item.changes ? markdownChanges(item.changes, '+').map((line) => `  ${line}`) : []),
    ]),
    ...(items.length > 0 ? [''] : []),
  ];
}

export function formatSweepMarkdown(report: SweepReport): string {
  const failing = report.projects.flatMap((project) => [
    ...(project.report?.reports ?? []).filter((entry) => entry.verdict === 'fail').map((entry) => `- ${mdCode(`${entry.package.name}@${entry.package.version}`)} in ${project.name}`),
    ...project.releases.filter((release) => release.verdict === 'fail').map((release) => `- release ${mdCode(`${release.name}@${release.version ?? '?'}`)} in ${project.name} (locked ${mdCode(release.locked)})`),
  ]);
  return `${[
    `### dynaudit sweep: **${report.summary.verdict.toUpperCase()}** — ${mdText(sweepHeadline(report))}`,
    '',
    `${mdCode(report.sweep.file)} · run ${mdCode(report.sweep.run)}${report.sweep.resumed ? ' (resumed)' : ''} · fail threshold ${report.failOn}`,
    '',
    '#### Changes since the last sweep',
    '',
    ...report.projects.flatMap(projectChanges),
    `#### New failures (${report.newFailures.length})`,
    '',
    ...(report.newFailures.length === 0
      ? ['- none']
      : report.newFailures.map(
          (failure) =>
            `- ${mdCode(`${failure.name}@${failure.version}`)} in ${failure.project}${failure.kind === 'release' ? ' (new release, not installed yet)' : ''}: ${failure.findings
              .slice(0, 3)
              .map((finding) => `**${finding.severity.toUpperCase()}** ${mdCode(finding.summary)}`)
              .join('; ')}`,
        )),
    '',
    `#### Failing now (${failing.length}, known ones included)`,
    '',
    ...(failing.length === 0 ? ['- none'] : failing),
  ].join('\n')}\n`;
}
