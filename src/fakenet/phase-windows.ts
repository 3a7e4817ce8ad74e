/** Which phase a timestamp of the fake internet falls in (pure). */
import type { PhaseName } from '../events/types.js';

export interface PhaseWindow {
  readonly name: PhaseName;
  readonly startMs: number;
  readonly endMs: number;
}

/** The phase running at `timestampMs`; between phases, the one that ran last; before all, the first. */
export function phaseAt(windows: readonly PhaseWindow[], timestampMs: number): PhaseName | null {
  const sorted = [...windows].sort((a, b) => a.startMs - b.startMs);
  const inside = sorted.find((window) => timestampMs >= window.startMs && timestampMs <= window.endMs);
  if (inside) return inside.name;
  return sorted.findLast((window) => window.startMs <= timestampMs)?.name ?? sorted[0]?.name ?? null;
}
