/** The observed-events summary of a report (pure). */
import type { TraceEvent } from '../events/types.js';
import type { ObservedSummary } from './report-model.js';

const MAX_PROCESSES = 200;
const MAX_WRITTEN_PATHS = 50;

export function summarizeEvents(events: readonly TraceEvent[]): ObservedSummary {
  const processes = [];
  const network = [];
  const dns = [];
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
        });
        break;
      case 'dns':
        dns.push({ ...base, name: event.name, type: event.type, server: event.server });
        break;
    }
  }
  return {
    processes: processes.slice(0, MAX_PROCESSES),
    processesOmitted: Math.max(0, processes.length - MAX_PROCESSES),
    files: { reads, writes, writtenByPackages: [...written] },
    network,
    dns,
  };
}
