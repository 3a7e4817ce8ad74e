/**
 * The events that are one package's own doing (pure): what its install
 * scripts and its import did, plus the process records of their ancestors
 * (npm's), which the policy needs to tell npm's `sh -c` wrapper from a
 * shell the package started.
 */
import type { TraceEvent } from '../../events/types.js';

export function ownEvents(events: readonly TraceEvent[], isOwn: (event: TraceEvent) => boolean): TraceEvent[] {
  const own = events.filter(isOwn);
  const parents = new Map<number, TraceEvent>();
  for (const event of events) if (event.kind === 'process' && event.ok) parents.set(event.pid, event);
  const needed = new Set<TraceEvent>();
  for (const event of own) {
    if (event.kind !== 'process') continue;
    const seen = new Set<number>();
    for (let pid = event.parentPid; pid !== null && !seen.has(pid); ) {
      seen.add(pid);
      const parent = parents.get(pid);
      if (!parent || isOwn(parent)) break;
      needed.add(parent);
      pid = parent.kind === 'process' ? parent.parentPid : null;
    }
  }
  const ownSet = new Set(own);
  return events.filter((event) => ownSet.has(event) || needed.has(event));
}
