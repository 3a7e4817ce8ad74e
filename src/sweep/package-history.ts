/**
 * Per-package history over recent sweeps (pure), for the HTML page: for
 * each package of each project, the runs where it appeared, changed
 * version, changed verdict, did something else, or went away.
 */
import type { HistoryPoint, PackageHistory } from '../report/sweep-model.js';
import { overallVerdict } from '../report/lockfile-model.js';
import type { SweepRecord, SweepRun } from '../store/sweep-history.js';

export interface RunRecords {
  readonly run: SweepRun;
  readonly records: readonly SweepRecord[];
}

function signature(records: readonly SweepRecord[]): string {
  return JSON.stringify(records.map((record) => [record.behaviour, record.findings.map((finding) => finding.key).sort()]));
}

/** `runs` oldest first. */
export function packageHistory(runs: readonly RunRecords[]): PackageHistory[] {
  const keys = new Map<string, Omit<PackageHistory, 'points'>>();
  for (const { records } of runs) {
    for (const { project, kind, name } of records) keys.set(`${project}\u0000${kind}\u0000${name}`, { project, kind, name });
  }
  return [...keys.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, id]) => {
      const points: HistoryPoint[] = [];
      let last: { point: HistoryPoint; signature: string } | undefined;
      for (const { run, records } of runs) {
        const mine = records.filter((record) => record.project === id.project && record.kind === id.kind && record.name === id.name);
        if (mine.length === 0) {
          if (last && last.point.versions.length > 0) {
            last = { point: { run: run.id, at: run.startedAt, versions: [], verdict: null, behaviourChanged: false }, signature: '' };
            points.push(last.point);
          }
          continue;
        }
        const versions = mine.map((record) => record.version).sort();
        const verdict = overallVerdict(mine);
        const now = signature(mine);
        const changed = last !== undefined && last.point.versions.length > 0 && last.signature !== now;
        if (last === undefined || changed || last.point.verdict !== verdict || last.point.versions.join() !== versions.join()) {
          last = { point: { run: run.id, at: run.startedAt, versions, verdict, behaviourChanged: changed }, signature: now };
          points.push(last.point);
        }
      }
      return { ...id, points };
    });
}
