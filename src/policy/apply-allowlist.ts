/**
 * Allowlists (pure): an entry accepts the findings of its rules for one
 * package, optionally only for versions in a semver range and in some phases.
 * Accepted findings move to `allowed` with the entry's reason; they no longer
 * count for the verdict. A range only applies when every installed version of
 * the package is known and in it (two copies, one outside the range: not allowed).
 * Entries with `hosts`, `paths`, `ports`, `step` or `severity` apply event by event (entry-scope.ts);
 * findings they accepted arrive here already carrying `allowedBy`.
 */
import semver from 'semver';
import type { AllowedFinding, Finding } from '../events/finding.js';
import type { PhaseName } from '../events/types.js';
import type { AllowEntry } from './policy-types.js';

/** Installed versions of a package by name (from the resolved tree). */
export type VersionsOf = (name: string) => readonly string[];

export interface AllowlistResult {
  readonly findings: Finding[];
  readonly allowed: AllowedFinding[];
}

/** The entry names this rule, package and phase, and every installed version of the package is in its range. */
export function entryAppliesTo(
  entry: AllowEntry,
  about: { readonly rule: string; readonly phase: PhaseName; readonly package: string | null },
  versionsOf: VersionsOf,
): boolean {
  if (about.package !== entry.package || !entry.rules.includes(about.rule)) return false;
  if (entry.phase && !entry.phase.includes(about.phase)) return false;
  if (entry.version === undefined) return true;
  const versions = versionsOf(entry.package);
  return versions.length > 0 && versions.every((version) => semver.satisfies(version, entry.version ?? '*', { includePrerelease: true }));
}

/** Entries applied event by event (entry-scope.ts) rather than to whole findings: a finding's events may be covered differently. */
export function isEventScoped(entry: AllowEntry): boolean {
  return entry.hosts !== undefined || entry.paths !== undefined || entry.ports !== undefined || entry.step !== undefined || entry.severity !== undefined;
}

export function applyAllowlist(findings: readonly (Finding | AllowedFinding)[], allow: readonly AllowEntry[], versionsOf: VersionsOf): AllowlistResult {
  const result: AllowlistResult = { findings: [], allowed: [] };
  const wholeFindingEntries = allow.filter((entry) => !isEventScoped(entry));
  for (const finding of findings) {
    if ('allowedBy' in finding) {
      result.allowed.push(finding);
      continue;
    }
    const entry = wholeFindingEntries.find((candidate) =>
      entryAppliesTo(candidate, { rule: finding.rule, phase: finding.phase, package: finding.attribution.package }, versionsOf),
    );
    if (!entry) {
      result.findings.push(finding);
      continue;
    }
    result.allowed.push({
      ...finding,
      allowedBy: {
        package: entry.package,
        ...(entry.version === undefined ? {} : { version: entry.version }),
        reason: entry.reason,
        ...(entry.source === undefined ? {} : { source: entry.source }),
      },
    });
  }
  return result;
}
