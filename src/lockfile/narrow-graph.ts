/**
 * A lockfile graph narrowed to some of its packages and their dependency
 * closure (pure): what must be installed to analyze just those. The project
 * depends on the lockfile's roots that are in it, and directly on each
 * package no such root leads to (a deep dependency taken without its
 * dependants), so npm installs it.
 */
import { dependencyClosure } from './dependency-closure.js';
import type { LockEdge, LockfileGraph, LockPackage } from './types.js';

export function narrowGraph(graph: LockfileGraph, todo: readonly LockPackage[]): LockfileGraph {
  const packages = dependencyClosure(graph.packages, todo);
  const ids = new Set(packages.map((pkg) => pkg.id));
  const roots: LockEdge[] = graph.roots.filter((edge) => ids.has(edge.target));
  const reached = new Set(dependencyClosure(packages, packages.filter((pkg) => roots.some((edge) => edge.target === pkg.id))).map((pkg) => pkg.id));
  for (const pkg of todo) {
    if (reached.has(pkg.id) || roots.some((edge) => edge.alias === pkg.name)) continue;
    roots.push({ alias: pkg.name, target: pkg.id, optional: false });
    for (const dep of dependencyClosure(packages, [pkg])) reached.add(dep.id);
  }
  return { format: graph.format, roots, packages, skipped: [] };
}
