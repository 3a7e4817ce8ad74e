/** The fake internet's part of the terminal report (pure): secrets sent out, connections with their first bytes, HTTP and TLS. */
import type { Attribution } from '../events/types.js';
import type { AnalysisReport, ObservedConnection } from './report-model.js';

const MAX_FIRST_BYTES = 100;

function who(attribution: Attribution): string {
  if (attribution.package === null) return 'npm';
  return `${attribution.package} (${attribution.via === 'import' ? 'import' : 'install script'})`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `connect tcp name (1.2.3.4:80), sent 12 byte(s): "…"` */
export function connectionText(connection: ObservedConnection): string {
  const endpoint = connection.address.includes(':') ? `[${connection.address}]:${connection.port}` : `${connection.address}:${connection.port}`;
  const where = connection.hostname ? `${connection.hostname} (${endpoint})` : endpoint;
  const sent = connection.bytesSent === undefined ? '' : `, sent ${connection.bytesSent} byte(s): "${clip(connection.firstBytes ?? '', MAX_FIRST_BYTES)}"`;
  return `connect ${connection.protocol} ${where}${connection.ok ? '' : ` (${connection.error})`}${sent}`;
}

/** The block listing every honeytoken found in traffic; empty when none was. */
export function exfiltrationLines(report: AnalysisReport, paint: (color: 'red' | 'bold', text: string) => string): string[] {
  const sent = report.observed.exfiltration ?? [];
  if (sent.length === 0) return [];
  const lines = ['', paint('red', paint('bold', `SECRETS SENT OUT: ${sent.length} planted honeytoken leak(s)`))];
  for (const leak of sent) {
    const how = leak.encoding === 'raw' ? 'as is' : `${leak.encoding}-encoded`;
    const part = leak.matchedChars >= leak.tokenChars ? '' : ` (${leak.matchedChars} of ${leak.tokenChars} characters)`;
    lines.push(`  ${paint('red', leak.tokenLabel)} [${leak.token}] ${how} in the ${leak.location} to ${leak.destination}${part}`);
    lines.push(`      ${leak.phase}, pid ${leak.pid}, by ${who(leak.attribution)}`);
  }
  return lines;
}

/** HTTP requests, TLS hellos and the fake internet's status line, for the observed section. */
export function networkObservedLines(report: AnalysisReport): string[] {
  const lines: string[] = [];
  for (const request of report.observed.http ?? []) {
    const body = request.bodyBytes > 0 ? `, body ${request.bodyBytes} byte(s): "${clip(request.bodyExcerpt, MAX_FIRST_BYTES)}"` : '';
    lines.push(`  ${request.phase} ${who(request.attribution)}: HTTP ${request.method} ${clip(request.url, 200)}${body}`);
  }
  for (const hello of report.observed.tls ?? []) {
    lines.push(`  ${hello.phase} ${who(hello.attribution)}: TLS to ${hello.sni ?? '(no server name)'} (${hello.address}:${hello.port})`);
  }
  const fakenet = report.fakenet;
  if (fakenet?.enabled) {
    const pcap = fakenet.artifacts ? `; pcap: ${fakenet.artifacts.pcap}` : '';
    const check = fakenet.crossCheck && !fakenet.crossCheck.consistent ? `; sink log and pcap disagree: ${fakenet.crossCheck.problems[0] ?? ''}` : '';
    lines.push(`fake internet: ${fakenet.dnsQueries ?? 0} DNS quer(ies) answered, ${fakenet.connections ?? 0} connection(s) accepted, ${fakenet.packets ?? 0} packet(s) captured${pcap}${check}`);
  } else if (fakenet) {
    lines.push(`fake internet: off, ${fakenet.reason ?? 'not used'}; the sandbox had no network at all`);
  }
  return lines;
}
