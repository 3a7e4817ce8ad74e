/**
 * The locked packages a sweep watches for new releases (pure): every direct
 * dependency of the project, then transitive ones nearest the project
 * first, at most `transitive` of them; each with the spec its dependant
 * declares (those without a registry spec are left out).
 */
import type { LockfileGraph, LockPackage } from '../lockfile/types.js';
import type { DeclaredRanges } from './declared-ranges.js';
import { registrySpec } from './next-releases.js';

export interface WatchTarget {
  readonly name: string;
  readonly locked: string;
  /** The registry spec its dependant declares (`^1.0.0`, `latest`). */
  readonly spec: string;
  /** `name@version` of the dependant; null for the project itself. */
  readonly dependant: string | null;
}

export function watchTargets(graph: LockfileGraph, ranges: DeclaredRanges, transitive: number): WatchTarget[] {
  const byId = new Map(graph.packages.map((pkg) => [pkg.id, pkg]));
  const targets: WatchTarget[] = [];
  const seen = new Set<string>();
  const add = (pkg: LockPackage, declared: string | undefined, dependant: string | null): boolean => {
    const spec = declared === undefined ? null : registrySpec(declared);
    if (spec === null || seen.has(pkg.id)) return false;
    seen.add(pkg.id);
    targets.push({ name: pkg.name, locked: pkg.version, spec, dependant });
    return true;
  };
  let frontier: LockPackage[] = [];
  for (const edge of graph.roots) {
    const pkg = byId.get(edge.target);
    if (!pkg) continue;
    add(pkg, ranges.get('')?.get(edge.alias), null);
    frontier.push(pkg);
  }
  const visited = new Set(frontier.map((pkg) => pkg.id));
  let left = transitive;
  while (frontier.length > 0 && left > 0) {
    const next: LockPackage[] = [];
    for (const dependant of frontier) {
      for (const edge of dependant.dependencies) {
        const pkg = byId.get(edge.target);
        if (!pkg || visited.has(pkg.id)) continue;
        visited.add(pkg.id);
        next.push(pkg);
        const id = `${dependant.name}@${dependant.version}`;
        if (left > 0 && add(pkg, ranges.get(id)?.get(edge.alias), id)) left -= 1;
      }
    }
    frontier = next;
  }
  return targets;
}
