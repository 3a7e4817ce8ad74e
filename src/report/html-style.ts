/** The HTML report's stylesheet (inline: the report is one self-contained file). */
export const HTML_STYLE = `
:root { --fail: #b42318; --warn: #b54708; --pass: #067647; --muted: #667085; --line: #eaecf0; --bg: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #101828; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 16px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.verdict { display: inline-block; padding: 4px 12px; border-radius: 6px; color: #fff; font-weight: 700; letter-spacing: .05em; margin-right: 10px; }
.verdict-fail { background: var(--fail); } .verdict-warn { background: var(--warn); } .verdict-pass { background: var(--pass); }
.meta { color: var(--muted); } .meta code { color: #344054; }
.sev { display: inline-block; min-width: 64px; text-align: center; padding: 1px 6px; border-radius: 4px; font-size: 12px; font-weight: 600; color: #fff; }
.sev-critical { background: #7a271a; } .sev-high { background: var(--fail); } .sev-medium { background: var(--warn); } .sev-low { background: #475467; }
.finding { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin: 8px 0; background: var(--bg); }
.finding.allowed { opacity: .75; }
.finding .title { font-weight: 600; } .finding .rule { color: var(--muted); font-size: 12px; }
pre { margin: 6px 0 0; padding: 8px; background: #fff; border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.flagged td { background: #fef3f2; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 18px; border-left: 1px dotted #d0d5dd; }
ul.tree { padding-left: 4px; border-left: none; }
ul.tree li { margin: 2px 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
.who { color: var(--muted); font-family: system-ui, sans-serif; }
.pkg-script { color: #6941c6; } .pkg-import { color: #175cd3; }
.failed { color: var(--fail); }
.none { color: var(--muted); font-style: italic; }
`;
