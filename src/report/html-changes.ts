/** HTML pieces of the diff and sweep pages (pure): a self-contained page and a list of changes; every text is escaped. */
import { changeLines, type ChangeSet } from './behaviour-lines.js';
import { html, type Html } from './html-escape.js';
import { HTML_STYLE } from './html-style.js';

const CHANGES_STYLE = `
ul.changes { list-style: none; margin: 4px 0; padding-left: 4px; }
ul.changes li { margin: 2px 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
ul.changes .label { display: inline-block; min-width: 110px; color: var(--muted); font-family: system-ui, sans-serif; }
.added { color: var(--fail); } .removed { color: var(--pass); }
td.points span { display: inline-block; margin: 1px 6px 1px 0; white-space: nowrap; }
`;

/** One page: the verdict badge and title, then the sections. */
export function htmlPage(title: string, verdict: string, id: string, body: readonly Html[]): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dynaudit ${verdict.toUpperCase()}: ${title}</title>
<style>${HTML_STYLE}${CHANGES_STYLE}</style>
</head>
<body>
<main id="${id}" data-verdict="${verdict}">
<h1><span class="verdict verdict-${verdict}" id="verdict">${verdict.toUpperCase()}</span>${title}</h1>
${body}
</main>
</body>
</html>
`.markup;
}

/** The changes as a list, findings first; `sign` + for added, − for removed. */
export function changesList(changes: ChangeSet, sign: '+' | '−'): Html {
  const lines = changeLines(changes);
  if (lines.length === 0) return html`<p class="none">Nothing.</p>`;
  const cls = sign === '+' ? 'added' : 'removed';
  return html`<ul class="changes">${lines.map(
    (line) =>
      html`<li class="${cls}" data-kind="${line.label}"><span class="label">${sign} ${line.label}</span> ${
        line.severity ? html`<span class="sev sev-${line.severity}">${line.severity.toUpperCase()}</span> ` : ''
      }${line.text}</li>`,
  )}</ul>`;
}
