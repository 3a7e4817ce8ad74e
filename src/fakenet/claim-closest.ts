/**
 * Pairs an observation of the fake internet with the traced event that
 * caused it (pure): among unclaimed candidates that fit, the last one at or
 * before the observation (a traced call stops at its entry, so its time
 * precedes what the sink saw), else the first one after it.
 */

export interface Timed {
  readonly timestampMs: number;
}

export class Claims<T extends Timed> {
  private readonly claimed = new Set<number>();

  constructor(private readonly candidates: readonly T[]) {}

  /** The index of the claimed candidate, or null when none fits. */
  claim(timestampMs: number, fits: (candidate: T) => boolean): number | null {
    let before: number | null = null;
    let after: number | null = null;
    this.candidates.forEach((candidate, index) => {
      if (this.claimed.has(index) || !fits(candidate)) return;
      if (candidate.timestampMs <= timestampMs) {
        if (before === null || candidate.timestampMs >= this.candidates[before]!.timestampMs) before = index;
      } else if (after === null || candidate.timestampMs < this.candidates[after]!.timestampMs) {
        after = index;
      }
    });
    const chosen = before ?? after;
    if (chosen !== null) this.claimed.add(chosen);
    return chosen;
  }

  /** Finds without claiming (several observations may belong to one event, e.g. UDP datagrams of one socket). */
  find(timestampMs: number, fits: (candidate: T) => boolean): number | null {
    const index = this.claim(timestampMs, fits);
    if (index !== null) this.claimed.delete(index);
    return index;
  }
}
