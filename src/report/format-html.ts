/**
 * The HTML report (pure): one self-contained page (inline CSS, no script, a
 * CSP that forbids loading anything) with the verdict, the findings, the
 * process tree, a timeline of each phase and the network table. Every text
 * from the trace is escaped.
 */
import { html } from './html-escape.js';
import { processTree } from './html-process-tree.js';
import { findingsSection, networkSection, PHASES, timelineSection } from './html-sections.js';
import { HTML_STYLE } from './html-style.js';
import type { AnalysisReport } from './report-model.js';

export function formatHtml(report: AnalysisReport): string {
  const pkg = report.package;
  const trees = PHASES.map((phase) => {
    const tree = processTree(report.observed.processes, phase);
    return tree ? html`<h3>${phase}</h3>${tree}` : '';
  });
  const observed = report.observed;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dynaudit ${report.verdict.toUpperCase()}: ${pkg.name}@${pkg.version}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<main id="report" data-verdict="${report.verdict}">
<header>
<h1><span class="verdict verdict-${report.verdict}" id="verdict">${report.verdict.toUpperCase()}</span>${pkg.name}@${pkg.version}</h1>
<div class="meta">${pkg.source} · <code>${pkg.integrity}</code> · analyzed ${report.startedAt} by dynaudit ${report.tool.version} in ${(report.durationMs / 1000).toFixed(1)} s</div>
<div class="meta">phases: ${report.phases.map((phase) => `${phase.name} ${phase.status} in ${(phase.durationMs / 1000).toFixed(1)} s`).join(' · ')}</div>
<div class="meta">install scripts in the tree: ${
    report.installScripts.length === 0 ? 'none' : report.installScripts.map((entry) => `${entry.name}@${entry.version}`).join(', ')
  }</div>
<div class="meta">observed: ${observed.processes.length + observed.processesOmitted} process(es), ${observed.files.reads} file read(s), ${
    observed.files.writes
  } file write(s), ${observed.network.length} connection attempt(s), ${observed.dns.length} DNS quer(ies)</div>
</header>
${findingsSection(report)}
<section id="process-tree"><h2>Process tree</h2>${
    observed.processes.length === 0 ? html`<p class="none">No process was traced.</p>` : trees
  }${observed.processesOmitted > 0 ? html`<p class="none">${observed.processesOmitted} more process(es) not listed.</p>` : ''}</section>
${timelineSection(report)}
${networkSection(report)}
</main>
</body>
</html>
`;
  return page.markup;
}
