/** Each package's history over the sweep file's recent complete runs (for the HTML page). */
import type { PackageHistory } from '../../report/sweep-model.js';
import type { SweepHistory } from '../../store/sweep-history.js';
import { packageHistory } from '../../sweep/package-history.js';

export function recentPackageHistory(history: SweepHistory, sweep: string, runs: number): PackageHistory[] {
  const recent = history.recent(sweep, runs).reverse();
  return packageHistory(recent.map((run) => ({ run, records: history.records(run.id) })));
}
