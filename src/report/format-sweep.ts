/** The text and JSON forms of a sweep (pure): the verdict, then what changed since the last sweep, new failures, known failures, projects. */
import { severityRank } from '../events/finding.js';
import type { LockfilePackageReport } from './lockfile-model.js';
import { changeBlock } from './format-diff.js';
import { painter, verdictColor, type Paint } from './paint.js';
import type { SweepProjectReport, SweepReport } from './sweep-model.js';
import { releaseTitle, sweepItems } from './sweep-items.js';

export function sweepHeadline(report: SweepReport): string {
  const s = report.summary;
  const what = s.newFailures > 0 ? `${s.newFailures} new failure(s)` : s.verdict === 'error' ? `${s.error} could not be analyzed` : 'nothing new fails';
  return `${what}; ${s.projects} project(s), ${s.packages} package(s) (${s.analyzed} analyzed, ${s.cached} from the store), ${s.releases} release(s) newer than the locked versions; ${(s.durationMs / 1000).toFixed(1)} s`;
}

function changeLinesOf(project: SweepProjectReport, paint: Paint): string[] {
  const since = project.comparedWith ? ` (since run ${project.comparedWith.run} of ${project.comparedWith.startedAt})` : '';
  if (project.error) return [`  ${project.name}: ${paint('red', `cannot be analyzed: ${project.error.code}: ${project.error.message}`)}`];
  const items = sweepItems(project);
  const head = `  ${project.name}${since}${project.changes === null ? ': first sweep, nothing to compare with' : items.length === 0 ? ': no changes' : ''}`;
  return [
    head,
    ...items.flatMap((item) => [
      `    ${item.kind.toUpperCase()} ${item.title}${item.verdict ? `  ${paint(verdictColor(item.verdict), item.verdict.toUpperCase())}` : ''}`,
      ...(item.error ? [paint('red', `      ${item.error}`)] : []),
      ...(item.changes ? changeBlock(item.changes, '+', paint, '      ') : []),
    ]),
  ];
}

function failingLines(report: SweepReport): string[] {
  return report.projects.flatMap((project) => {
    const packages = (project.report?.reports ?? []).filter((entry): entry is LockfilePackageReport => entry.verdict === 'fail' && 'findings' in entry);
    const releases = project.releases.filter((release) => release.verdict === 'fail');
    return [
      ...packages.map((entry) => {
        const top = [...entry.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
        return `  ${project.name}: ${entry.package.name}@${entry.package.version}${top ? `: ${top.severity.toUpperCase()} ${top.summary} [${top.rule}]` : ''}`;
      }),
      ...releases.map((release) => `  ${project.name}: release ${releaseTitle(release)}`),
    ];
  });
}

function projectLine(project: SweepProjectReport): string {
  if (!project.report) return `  ${project.name}  ${project.lockfile}: not analyzed`;
  const s = project.report.summary;
  return `  ${project.name}  ${project.lockfile}: ${s.packages} package(s): ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.error} error; ${s.analyzed} analyzed, ${s.cached} from the store; ${project.releases.length} release(s) watched`;
}

export function formatSweepText(report: SweepReport, options: { readonly color: boolean }): string {
  const paint = painter(options.color);
  const failing = failingLines(report);
  const lines = [
    `${paint(verdictColor(report.summary.verdict), paint('bold', report.summary.verdict.toUpperCase()))}  sweep ${report.sweep.file}, run ${report.sweep.run}${report.sweep.resumed ? ' (resumed)' : ''}: ${sweepHeadline(report)}`,
    '',
    'CHANGES SINCE THE LAST SWEEP',
    ...report.projects.flatMap((project) => changeLinesOf(project, paint)),
    '',
    `NEW FAILURES (${report.newFailures.length})`,
    ...(report.newFailures.length === 0
      ? [paint('dim', '  (none)')]
      : report.newFailures.map((failure) => `  ${failure.project}: ${failure.name}@${failure.version}${failure.kind === 'release' ? ' (new release)' : ''}: ${failure.findings.map((finding) => `${finding.severity.toUpperCase()} ${finding.summary}`).slice(0, 3).join('; ')}`)),
    '',
    `FAILING NOW (${failing.length}, known ones included)`,
    ...(failing.length === 0 ? [paint('dim', '  (none)')] : failing),
    '',
    'PROJECTS',
    ...report.projects.map(projectLine),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatSweepJson(report: SweepReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
