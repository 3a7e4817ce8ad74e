/** The observed-events summary of a report (pure). */
import type { HttpEvent, TraceEvent } from '../events/types.js';
import type { ObservedExfiltration, ObservedHttpRequest, ObservedSummary, ObservedTlsHello } from './report-model.js';

const MAX_PROCESSES = 200;
const MAX_WRITTEN_PATHS = 50;

/** The request as a URL (plain http: TLS is not decrypted). */
function httpUrl(event: HttpEvent): string {
  if (/^https?:\/\//i.test(event.path)) return event.path;
  const endpoint = event.address.includes(':') ? `[${event.address}]:${event.port}` : `${event.address}:${event.port}`;
  return `http://${event.host ?? event.hostname ?? endpoint}${event.path}`;
}

export function summarizeEvents(events: readonly TraceEvent[]): ObservedSummary {
  const processes = [];
  const network = [];
  const dns = [];
  const http: ObservedHttpRequest[] = [];
  const tls: ObservedTlsHello[] = [];
  const exfiltration: ObservedExfiltration[] = [];
  const written = new Set<string>();
  let reads = 0;
  let writes = 0;
  for (const event of events) {
    const base = { phase: event.phase, pid: event.pid, attribution: event.attribution };
    switch (event.kind) {
      case 'process':
        processes.push({ ...base, parentPid: event.parentPid, argv: event.argv, ok: event.ok, ...(event.error ? { error: event.error } : {}) });
        break;
      case 'file':
        if (event.access === 'read') reads += 1;
        else {
          writes += 1;
          if (event.attribution.via !== 'package-manager' && written.size < MAX_WRITTEN_PATHS) written.add(event.path);
        }
        break;
      case 'connect':
        network.push({
          ...base,
          address: event.address,
          port: event.port,
          protocol: event.protocol,
          ok: event.ok,
          ...(event.error ? { error: event.error } : {}),
          ...(event.hostname ? { hostname: event.hostname } : {}),
          ...(event.received ? { bytesSent: event.received.bytes, firstBytes: event.received.firstBytes } : {}),
        });
        break;
      case 'dns':
        dns.push({ ...base, name: event.name, type: event.type, server: event.server, ...(event.answer ? { answer: event.answer } : {}) });
        break;
      case 'http': {
        const { method, host, path, address, port, bodyBytes, bodyExcerpt } = event;
        http.push({ ...base, method, url: httpUrl(event), host, path, address, port, ...(event.hostname ? { hostname: event.hostname } : {}), bodyBytes, bodyExcerpt });
        break;
      }
      case 'tls':
        tls.push({ ...base, sni: event.sni, alpn: event.alpn, address: event.address, port: event.port, ...(event.hostname ? { hostname: event.hostname } : {}) });
        break;
      case 'exfiltration': {
        const { tokenLabel, channel, location, destination, encoding, matchedChars, tokenChars } = event;
        exfiltration.push({ ...base, token: event.honeytoken.token, tokenLabel, channel, location, destination, encoding, matchedChars, tokenChars });
        break;
      }
    }
  }
  return {
    processes: processes.slice(0, MAX_PROCESSES),
    processesOmitted: Math.max(0, processes.length - MAX_PROCESSES),
    files: { reads, writes, writtenByPackages: [...written] },
    network,
    dns,
    http,
    tls,
    exfiltration,
  };
}
