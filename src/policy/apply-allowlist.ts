/**
 * Allowlists (pure): an entry accepts the findings of its rules for one
 * package, optionally only for versions in a semver range and in some phases.
 * Accepted findings move to `allowed` with the entry's reason; they no longer
 * count for the verdict. A range only applies when every installed version of
 * the package is known and in it (two copies, one outside the range: not allowed).
 */
import semver from 'semver';
import type { AllowedFinding, Finding } from '../events/finding.js';
import type { AllowEntry } from './policy-types.js';

/** Installed versions of a package by name (from the resolved tree). */
export type VersionsOf = (name: string) => readonly string[];

export interface AllowlistResult {
  readonly findings: Finding[];
  readonly allowed: AllowedFinding[];
}

function entryCovers(entry: AllowEntry, finding: Finding, versionsOf: VersionsOf): boolean {
  if (finding.attribution.package !== entry.package || !entry.rules.includes(finding.rule)) return false;
  if (entry.phase && !entry.phase.includes(finding.phase)) return false;
  if (entry.version === undefined) return true;
  const versions = versionsOf(entry.package);
  return versions.length > 0 && versions.every((version) => semver.satisfies(version, entry.version ?? '*', { includePrerelease: true }));
}

export function applyAllowlist(findings: readonly Finding[], allow: readonly AllowEntry[], versionsOf: VersionsOf): AllowlistResult {
  const result: AllowlistResult = { findings: [], allowed: [] };
  for (const finding of findings) {
    const entry = allow.find((candidate) => entryCovers(candidate, finding, versionsOf));
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
