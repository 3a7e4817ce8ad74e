/**
 * LavaMoat's canonical name of every package (pure): the preferred chain of
 * dependency names from the project to it, joined by `>`, as @lavamoat/aa
 * walks it: fewest links first, then, link by link, the shorter name, then
 * the alphabetically first. The lockfile's edges stand for node's resolution.
 */
import type { LockfileGraph } from '../lockfile/types.js';

function compareNames(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function comparePaths(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let index = 0; index < a.length; index += 1) {
    const order = compareNames(a[index]!, b[index]!);
    if (order !== 0) return order;
  }
  return 0;
}

export function canonicalPaths(graph: LockfileGraph): Map<string, string> {
  const byId = new Map(graph.packages.map((pkg) => [pkg.id, pkg]));
  const best = new Map<string, readonly string[]>();
  let level: { readonly id: string | null; readonly path: readonly string[] }[] = [{ id: null, path: [] }];
  while (level.length > 0) {
    const next: typeof level = [];
    for (const { id, path } of level) {
      const edges = id === null ? graph.roots : (byId.get(id)?.dependencies ?? []);
      for (const edge of edges) {
        const candidate = [...path, edge.alias];
        const current = best.get(edge.target);
        if (current !== undefined && comparePaths(candidate, current) >= 0) continue;
        best.set(edge.target, candidate);
        next.push({ id: edge.target, path: candidate });
      }
    }
    level = next;
  }
  return new Map([...best].map(([id, path]) => [id, path.join('>')]));
}
