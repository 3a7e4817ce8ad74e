/**
 * Whether a package stays quiet after an event (pure): nothing more of it
 * shows in the trace in that phase (no program started, no connection,
 * lookup or request, no file changed, no privileged call). A package that
 * probes for a sandbox and then does nothing looks like one that found it.
 */
import type { TraceEvent } from '../events/types.js';

const WORK = new Set<TraceEvent['kind']>(['process', 'connect', 'dns', 'http', 'tls', 'exfiltration', 'syscall']);

const isWork = (event: TraceEvent): boolean => WORK.has(event.kind) || (event.kind === 'file' && event.access === 'write');
const actor = (event: TraceEvent): string => `${event.phase}\0${event.attribution.via}\0${event.attribution.package ?? ''}`;

export function quietAfter(events: readonly TraceEvent[]): (event: TraceEvent) => boolean {
  const lastWork = new Map<string, number>();
  for (const event of events) {
    if (!isWork(event)) continue;
    const key = actor(event);
    lastWork.set(key, Math.max(lastWork.get(key) ?? -Infinity, event.timestampMs));
  }
  return (event) => (lastWork.get(actor(event)) ?? -Infinity) <= event.timestampMs;
}
