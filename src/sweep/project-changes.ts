/**
 * What changed in a project since the last sweep (pure), from the two
 * sweeps' records: packages that are new, versions that are new (with what
 * they do that the earlier versions did not), packages gone, verdicts that
 * changed for the same version, the same version doing more (analyzed
 * again, or judged by a changed policy), and releases watch reports for
 * the first time.
 */
import { addedBehaviour, isEmptyBehaviour, unionBehaviour } from '../diff/behaviour.js';
import type { AddedBehaviour, PackageChange, ProjectChanges } from '../report/sweep-model.js';
import type { SweepRecord, VerdictChange } from '../store/sweep-history.js';

function added(previous: readonly SweepRecord[], current: SweepRecord): AddedBehaviour {
  const known = new Set(previous.flatMap((record) => record.findings.map((finding) => finding.key)));
  return {
    ...addedBehaviour(unionBehaviour(previous.map((record) => record.behaviour)), current.behaviour),
    findings: current.findings.filter((finding) => !known.has(finding.key)),
  };
}

function addsAnything(change: AddedBehaviour): boolean {
  return change.findings.length > 0 || !isEmptyBehaviour(change);
}

function change(current: SweepRecord, previous: readonly SweepRecord[], extra: Partial<PackageChange> = {}): PackageChange {
  return { name: current.name, version: current.version, verdict: current.verdict, ...extra, added: added(previous, current) };
}

export interface ChangesResult {
  readonly changes: ProjectChanges;
  readonly verdictChanges: readonly VerdictChange[];
}

export function projectChanges(previous: readonly SweepRecord[], current: readonly SweepRecord[]): ChangesResult {
  const locked = (records: readonly SweepRecord[]) => records.filter((record) => record.kind === 'locked');
  const before = locked(previous);
  const byName = new Map<string, SweepRecord[]>();
  for (const record of before) byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  const same = (record: SweepRecord) => (candidate: SweepRecord) =>
    candidate.kind === record.kind && candidate.name === record.name && candidate.version === record.version;
  const result = { newPackages: [] as PackageChange[], newVersions: [] as PackageChange[], verdictChanges: [] as PackageChange[], newBehaviour: [] as PackageChange[] };
  const verdictChanges: VerdictChange[] = [];
  for (const record of current) {
    const earlier = previous.find(same(record));
    if (earlier && earlier.verdict !== record.verdict) {
      verdictChanges.push({ project: record.project, kind: record.kind, name: record.name, version: record.version, previous: earlier.verdict, verdict: record.verdict });
    }
    if (record.kind !== 'locked') continue;
    const versions = byName.get(record.name);
    if (versions === undefined) result.newPackages.push(change(record, []));
    else if (earlier === undefined) result.newVersions.push(change(record, versions, { previousVersions: versions.map((entry) => entry.version) }));
    else if (earlier.verdict !== record.verdict) result.verdictChanges.push(change(record, [earlier], { previousVerdict: earlier.verdict }));
    else {
      const grown = change(record, [earlier]);
      if (addsAnything(grown.added)) result.newBehaviour.push(grown);
    }
  }
  const names = new Set(locked(current).map((record) => record.name));
  const releases = new Set(previous.filter((record) => record.kind === 'release').map((record) => `${record.name}@${record.version}`));
  return {
    changes: {
      ...result,
      removedPackages: before.filter((record) => !names.has(record.name)).map(({ name, version }) => ({ name, version })),
      newReleases: current
        .filter((record) => record.kind === 'release' && !releases.has(`${record.name}@${record.version}`))
        .map((record) => `${record.name}@${record.version}`),
    },
    verdictChanges,
  };
}

/** Failing records that were not failing in the last sweep (all failing ones when there was none). */
export function newFailures(previous: readonly SweepRecord[] | undefined, current: readonly SweepRecord[]): SweepRecord[] {
  return current.filter(
    (record) =>
      record.verdict === 'fail' &&
      !(previous ?? []).some((earlier) => earlier.kind === record.kind && earlier.name === record.name && earlier.version === record.version && earlier.verdict === 'fail'),
  );
}
