/** A diff as one self-contained HTML page (pure): both versions, then what was added and removed. */
import type { DiffReport, DiffSide } from './diff-model.js';
import { diffHeadline } from './format-diff.js';
import { html } from './html-escape.js';
import { changesList, htmlPage } from './html-changes.js';

function side(label: string, s: DiffSide) {
  return html`<div class="meta">${label}: <code>${s.name}@${s.version}</code> · ${s.verdict} · ${s.packages} package(s) in its tree${s.stored ? ' · from the store' : ''} · <code>${s.integrity}</code></div>`;
}

export function formatDiffHtml(report: DiffReport): string {
  return htmlPage(`${report.from.name}@${report.from.version} → ${report.to.name}@${report.to.version}`, report.verdict, 'diff', [
    html`<header><div class="meta">${diffHeadline(report)} (fail threshold ${report.failOn})</div>${side('from', report.from)}${side('to', report.to)}</header>`,
    html`<section id="added"><h2>Added</h2>${changesList(report.added, '+')}</section>`,
    html`<section id="removed"><h2>Removed</h2>${changesList(report.removed, '−')}</section>`,
  ]);
}
