/**
 * Puts new events among the traced ones by phase and time (pure), without
 * reordering the traced events themselves; an added event goes after a
 * traced one with the same time (a leak comes after the send it was in).
 */
import type { PhaseName, TraceEvent } from '../events/types.js';

const PHASE_ORDER: Readonly<Record<PhaseName, number>> = { install: 0, import: 1, execute: 2 };

function compare(a: TraceEvent, b: TraceEvent): number {
  return PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || a.timestampMs - b.timestampMs;
}

export function mergeByTime(traced: readonly TraceEvent[], added: readonly TraceEvent[]): TraceEvent[] {
  const pending = [...added].sort(compare);
  const merged: TraceEvent[] = [];
  let next = 0;
  for (const event of traced) {
    while (next < pending.length && compare(pending[next]!, event) < 0) merged.push(pending[next++]!);
    merged.push(event);
  }
  return merged.concat(pending.slice(next));
}
