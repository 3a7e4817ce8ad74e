/** A sweep's changes as a list of items per project (pure), the common content of its text, Markdown and HTML forms. */
import type { Verdict } from '../events/finding.js';
import type { ChangeSet } from './behaviour-lines.js';
import type { SweepProjectReport, WatchedRelease } from './sweep-model.js';

export interface SweepItem {
  /** `new release`, `new package`, `new version`, `verdict`, `new behaviour`, `removed`. */
  readonly kind: string;
  readonly title: string;
  readonly verdict?: Verdict;
  readonly changes?: ChangeSet;
  readonly error?: string;
}

export function releaseTitle(release: WatchedRelease): string {
  const target = release.version === null ? `${release.name} (locked ${release.locked})` : `${release.name}@${release.version}`;
  const why = release.why === 'wanted' ? `what ${release.spec} takes` : `latest, beyond ${release.spec}`;
  const by = release.dependant ? `, declared by ${release.dependant}` : '';
  return release.version === null ? target : `${target} (${why}${by}; locked ${release.locked}${release.published ? `; published ${release.published}` : ''})`;
}

function releaseItem(release: WatchedRelease): SweepItem {
  return {
    kind: 'new release',
    title: releaseTitle(release),
    verdict: release.verdict,
    ...(release.diff ? { changes: release.diff.added } : {}),
    ...(release.error ? { error: `${release.error.code}: ${release.error.message}` } : {}),
  };
}

/** Everything new in the project since its last sweep; empty when nothing changed. */
export function sweepItems(project: SweepProjectReport): SweepItem[] {
  const changes = project.changes;
  const releases = project.releases.filter((release) => release.isNew || release.version === null).map(releaseItem);
  if (changes === null) return releases;
  const id = (change: { name: string; version: string }) => `${change.name}@${change.version}`;
  return [
    ...releases,
    ...changes.newPackages.map((change) => ({ kind: 'new package', title: id(change), verdict: change.verdict, changes: change.added })),
    ...changes.newVersions.map((change) => ({
      kind: 'new version',
      title: `${change.name} ${(change.previousVersions ?? []).join(', ')} -> ${change.version}`,
      verdict: change.verdict,
      changes: change.added,
    })),
    ...changes.verdictChanges.map((change) => ({ kind: 'verdict', title: `${id(change)}: ${change.previousVerdict ?? '?'} -> ${change.verdict}`, verdict: change.verdict, changes: change.added })),
    ...changes.newBehaviour.map((change) => ({ kind: 'new behaviour', title: id(change), verdict: change.verdict, changes: change.added })),
    ...changes.removedPackages.map((removed) => ({ kind: 'removed', title: id(removed) })),
  ];
}

/** Whether a locked package@version is among the project's changes (every package is, in its first sweep). */
export function isChanged(project: SweepProjectReport, name: string, version: string): boolean {
  const changes = project.changes;
  if (changes === null) return true;
  const lists = [changes.newPackages, changes.newVersions, changes.verdictChanges, changes.newBehaviour];
  return lists.some((list) => list.some((change) => change.name === name && change.version === version));
}
