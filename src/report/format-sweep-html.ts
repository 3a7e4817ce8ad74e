/**
 * A sweep as one self-contained HTML page (pure): what changed since the
 * last sweep, new failures, the releases watch found, each package's
 * history over recent sweeps (versions, verdicts, when its behaviour
 * changed) and the projects' totals. Every text is escaped.
 */
import { changesList, htmlPage } from './html-changes.js';
import { html, type Html } from './html-escape.js';
import { sweepHeadline } from './format-sweep.js';
import type { HistoryPoint, PackageHistory, SweepProjectReport, SweepReport } from './sweep-model.js';
import { releaseTitle, sweepItems } from './sweep-items.js';

function verdictBadge(verdict: string | null): Html {
  return verdict === null ? html`<span class="none">gone</span>` : html`<span class="sev verdict-${verdict}">${verdict.toUpperCase()}</span>`;
}

function projectChanges(project: SweepProjectReport): Html {
  if (project.error) return html`<h3>${project.name}</h3><p class="failed">cannot be analyzed: ${project.error.code}: ${project.error.message}</p>`;
  const items = sweepItems(project);
  const note = project.changes === null ? 'first sweep, nothing to compare with' : items.length === 0 ? 'no changes' : `since run ${project.comparedWith?.run ?? ''} of ${project.comparedWith?.startedAt ?? ''}`;
  return html`<h3>${project.name}</h3><p class="meta">${note}</p>${items.map(
    (item) => html`<div class="finding change" data-kind="${item.kind}" data-verdict="${item.verdict ?? ''}">
<span class="title">${item.kind}: ${item.title}</span> ${item.verdict ? verdictBadge(item.verdict) : ''}
${item.error ? html`<div class="failed">${item.error}</div>` : ''}${item.changes ? changesList(item.changes, '+') : ''}</div>`,
  )}`;
}

function point(entry: HistoryPoint): Html {
  const what = entry.versions.length === 0 ? 'gone' : entry.versions.join(', ');
  return html`<span>${what} ${verdictBadge(entry.verdict)}${entry.behaviourChanged ? html` <em>behaviour changed</em>` : ''} <span class="meta">${entry.at}</span></span>`;
}

function historySection(history: readonly PackageHistory[]): Html {
  const rows = [...history].sort((a, b) => b.points.length - a.points.length);
  return html`<section id="history"><h2>Package history (${history.length})</h2>${
    rows.length === 0
      ? html`<p class="none">No history yet.</p>`
      : html`<table><thead><tr><th>project</th><th>package</th><th>versions, verdicts and behaviour over the recent sweeps</th></tr></thead><tbody>${rows.map(
          (entry) =>
            html`<tr data-package="${entry.name}" data-kind="${entry.kind}"><td>${entry.project}</td><td><code>${entry.name}</code>${entry.kind === 'release' ? ' (release)' : ''}</td><td class="points">${entry.points.map(point)}</td></tr>`,
        )}</tbody></table>`
  }</section>`;
}

export function formatSweepHtml(report: SweepReport, history: readonly PackageHistory[]): string {
  const releases = report.projects.flatMap((project) => project.releases.map((release) => ({ project: project.name, release })));
  return htmlPage(`sweep ${report.sweep.file}`, report.summary.verdict, 'sweep', [
    html`<header><div class="meta">run ${report.sweep.run}${report.sweep.resumed ? ' (resumed)' : ''} · started ${report.sweep.startedAt} · fail threshold ${report.failOn}</div><div class="meta">${sweepHeadline(report)}</div></header>`,
    html`<section id="changes"><h2>Changes since the last sweep</h2>${report.projects.map(projectChanges)}</section>`,
    html`<section id="new-failures"><h2>New failures (${report.newFailures.length})</h2>${
      report.newFailures.length === 0
        ? html`<p class="none">Nothing fails that did not fail before.</p>`
        : html`<ul class="changes">${report.newFailures.map(
            (failure) => html`<li class="added"><code>${failure.name}@${failure.version}</code> in ${failure.project}${failure.kind === 'release' ? ' (new release)' : ''}: ${failure.findings.map((finding) => `${finding.severity.toUpperCase()} ${finding.summary}`).join('; ')}</li>`,
          )}</ul>`
    }</section>`,
    html`<section id="releases"><h2>Watched releases (${releases.length})</h2>${
      releases.length === 0
        ? html`<p class="none">No release newer than the locked versions.</p>`
        : html`<table><thead><tr><th>project</th><th>release</th><th>verdict against the locked version</th></tr></thead><tbody>${releases.map(
            ({ project, release }) => html`<tr data-release="${release.name}@${release.version ?? ''}"><td>${project}</td><td>${releaseTitle(release)}${release.isNew ? html` <em>new</em>` : ''}</td><td>${verdictBadge(release.verdict)}</td></tr>`,
          )}</tbody></table>`
    }</section>`,
    historySection(history),
    html`<section id="projects"><h2>Projects</h2><table><thead><tr><th>project</th><th>lockfile</th><th>packages</th><th>pass</th><th>warn</th><th>fail</th><th>error</th><th>from the store</th></tr></thead><tbody>${report.projects.map((project) => {
      const s = project.report?.summary;
      return html`<tr><td>${project.name}</td><td><code>${project.lockfile}</code></td>${
        s ? html`<td class="num">${s.packages}</td><td class="num">${s.pass}</td><td class="num">${s.warn}</td><td class="num">${s.fail}</td><td class="num">${s.error}</td><td class="num">${s.cached}</td>` : html`<td colspan="6" class="failed">${project.error?.message ?? ''}</td>`
      }</tr>`;
    })}</tbody></table></section>`,
  ]);
}
