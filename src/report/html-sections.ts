/** Sections of the HTML report (pure): findings, allowed findings, network table, timeline. */
import { severityRank, type AllowedFinding, type Finding } from '../events/finding.js';
import type { Attribution, PhaseName } from '../events/types.js';
import { html, type Html } from './html-escape.js';
import { whoClass, whoText } from './html-process-tree.js';
import type { AnalysisReport, ReportRule } from './report-model.js';

export const PHASES: readonly PhaseName[] = ['install', 'import', 'execute'];

function findingCard(finding: Finding | AllowedFinding, rule: ReportRule | undefined): Html {
  const allowed = 'allowedBy' in finding ? finding.allowedBy : null;
  return html`<div class="finding${allowed ? ' allowed' : ''}" data-rule="${finding.rule}" data-severity="${finding.severity}">
<span class="sev sev-${finding.severity}">${finding.severity.toUpperCase()}</span> <span class="title">${finding.summary}</span>
<div class="rule">${finding.rule} · ${finding.category} · by <span class="${whoClass(finding.attribution)}">${whoText(finding.attribution)}</span></div>
${allowed ? html`<div class="rule">accepted by the allowlist of ${allowed.package}${allowed.version ? ` ${allowed.version}` : ''}: ${allowed.reason}</div>` : ''}
${finding.evidence.length > 0 ? html`<pre>${finding.evidence.join('\n')}</pre>` : ''}
${rule ? html`<details><summary>why this matters</summary><p>${rule.rationale}</p></details>` : ''}
</div>`;
}

export function findingsSection(report: AnalysisReport): Html {
  const rules = new Map((report.rules ?? []).map((rule) => [rule.id, rule]));
  const groups = PHASES.map((phase) => {
    const inPhase = report.findings.filter((finding) => finding.phase === phase).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    return inPhase.length === 0 ? '' : html`<h3>${phase}</h3>${inPhase.map((finding) => findingCard(finding, rules.get(finding.rule)))}`;
  });
  const allowed = report.allowed ?? [];
  return html`<section id="findings"><h2>Findings (${report.findings.length}; fail threshold ${report.failOn})</h2>
${report.findings.length === 0 ? html`<p class="none">No findings.</p>` : groups}
${allowed.length > 0 ? html`<h3>accepted by an allowlist (not counted)</h3>${allowed.map((finding) => findingCard(finding, rules.get(finding.rule)))}` : ''}
</section>`;
}

function endpoint(address: string, port: number, hostname?: string): string {
  const hostPort = `${address.includes(':') ? `[${address}]` : address}:${port}`;
  return hostname ? `${hostname} (${hostPort})` : hostPort;
}

function row(phase: string, attribution: Attribution, what: string, destination: string, result: string): Html {
  return html`<tr><td>${phase}</td><td class="${whoClass(attribution)}">${whoText(attribution)}</td><td>${what}</td><td>${destination}</td><td>${result}</td></tr>`;
}

/** Every connection attempt and DNS query, and what the fake internet caught (HTTP, TLS, honeytokens), when present. */
export function networkSection(report: AnalysisReport): Html {
  const { network, dns, http = [], tls = [], exfiltration = [] } = report.observed;
  const rows = [
    ...exfiltration.map((leak) =>
      row(leak.phase, leak.attribution, `exfiltration (${leak.channel})`, leak.destination, `${leak.tokenLabel} in ${leak.location}, ${leak.encoding}`),
    ),
    ...network.map((connection) =>
      row(
        connection.phase,
        connection.attribution,
        `connect ${connection.protocol}`,
        endpoint(connection.address, connection.port, connection.hostname),
        connection.bytesSent !== undefined ? `sent ${connection.bytesSent} byte(s)` : connection.ok ? 'attempted' : `failed: ${connection.error ?? 'error'}`,
      ),
    ),
    ...http.map((request) =>
      row(request.phase, request.attribution, `http ${request.method}`, request.url, `${request.bodyBytes} byte(s) of body`),
    ),
    ...tls.map((hello) =>
      row(hello.phase, hello.attribution, 'tls', hello.sni ?? endpoint(hello.address, hello.port, hello.hostname), hello.alpn.join(', ')),
    ),
    ...dns.map((query) =>
      row(query.phase, query.attribution, `dns ${query.type ?? '?'}`, query.name ?? '(name not seen)', query.answer ? `answered ${query.answer}` : `via ${query.server}`),
    ),
  ];
  return html`<section id="network"><h2>Network (${rows.length})</h2>
${
  rows.length === 0
    ? html`<p class="none">No connection attempt and no DNS query.</p>`
    : html`<table><thead><tr><th>phase</th><th>by</th><th>what</th><th>destination</th><th>result</th></tr></thead><tbody>${rows}</tbody></table>`
}</section>`;
}

function seconds(ms: number): string {
  return `+${(ms / 1000).toFixed(3)} s`;
}

export function timelineSection(report: AnalysisReport): Html {
  const timeline = report.timeline ?? [];
  const phases = PHASES.map((phase) => {
    const entries = timeline.filter((entry) => entry.phase === phase);
    if (entries.length === 0) return '';
    return html`<h3>${phase}</h3><table><thead><tr><th>time</th><th>by</th><th>event</th><th>rules</th></tr></thead><tbody>${entries.map(
      (entry) =>
        html`<tr class="${entry.rules ? 'flagged' : ''}"><td class="num">${seconds(entry.atMs)}</td><td class="${whoClass(entry.attribution)}">${whoText(
          entry.attribution,
        )}</td><td>${entry.text}</td><td>${(entry.rules ?? []).join(', ')}</td></tr>`,
    )}</tbody></table>`;
  });
  return html`<section id="timeline"><h2>Timeline</h2>${timeline.length === 0 ? html`<p class="none">No timeline in this report.</p>` : phases}</section>`;
}
