/**
 * Which published versions a declared spec takes next (pure), as
 * `npm update` sees it: the `latest` dist-tag when it satisfies the range,
 * else the highest version in the range (deprecated ones only when nothing
 * else is), or the version a dist-tag spec names; and `latest` itself when
 * it is newer still (an upgrade the range does not take). Only versions
 * newer than the locked one count.
 */
import semver from 'semver';
import type { Packument } from '../resolve/registry-client.js';

export interface Release {
  readonly version: string;
  /** `wanted`: what the declared spec takes (npm update); `latest`: the dist-tag, beyond the spec. */
  readonly why: 'wanted' | 'latest';
  /** When the registry says it was published. */
  readonly published?: string;
}

/** A registry spec (`^1.2.0`, `latest`) from a declared one; `npm:name@range` aliases give their range; anything else (git, file, URL) is null. */
export function registrySpec(declared: string): string | null {
  const alias = /^npm:(?:@[^/@]+\/)?[^@]+@(.+)$/.exec(declared);
  const spec = (alias?.[1] ?? declared).trim();
  if (semver.validRange(spec) !== null) return spec === '' ? '*' : spec;
  return /^[a-z][a-z0-9._-]*$/i.test(spec) ? spec : null;
}

function wantedVersion(packument: Packument, spec: string): string | null {
  const tagged = packument.distTags[spec];
  if (tagged !== undefined) return tagged;
  const latest = packument.distTags['latest'];
  if (latest !== undefined && semver.valid(latest) && semver.satisfies(latest, spec)) return latest;
  const all = Object.keys(packument.versions).filter((version) => semver.valid(version));
  const live = all.filter((version) => packument.versions[version]?.deprecated === undefined);
  return semver.maxSatisfying(live, spec) ?? semver.maxSatisfying(all, spec);
}

export function nextReleases(packument: Packument, spec: string, locked: string): Release[] {
  const newer = (version: string | null | undefined): version is string =>
    typeof version === 'string' && semver.valid(version) !== null && semver.valid(locked) !== null && semver.gt(version, locked);
  const at = (version: string, why: Release['why']): Release => ({
    version,
    why,
    ...(packument.time[version] ? { published: packument.time[version] } : {}),
  });
  const wanted = wantedVersion(packument, spec);
  const latest = packument.distTags['latest'];
  return [...(newer(wanted) ? [at(wanted, 'wanted')] : []), ...(newer(latest) && latest !== wanted ? [at(latest, 'latest')] : [])];
}
