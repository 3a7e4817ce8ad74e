/**
 * The order a chunk loader imports packages in (pure): dependencies before
 * their dependants (a depth-first post-order), so when a package is imported
 * its dependencies' top-level code has already run under their own markers
 * and the import runs only the package's own code. A cycle is broken where
 * the walk, started from the ids in sorted order and following edges sorted
 * by target, meets a package already on its path: deterministic.
 */
import type { LockPackage } from '../../lockfile/types.js';

export function importOrder<T extends Pick<LockPackage, 'id' | 'dependencies'>>(packages: readonly T[]): T[] {
  const byId = new Map(packages.map((pkg) => [pkg.id, pkg]));
  const visited = new Set<string>();
  const order: T[] = [];
  const ids = [...byId.keys()].sort();
  for (const start of ids) {
    if (visited.has(start)) continue;
    // Iterative DFS: [id, index of the next edge to follow].
    const stack: [string, number][] = [[start, 0]];
    visited.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = [...new Set((byId.get(top[0])?.dependencies ?? []).map((edge) => edge.target))].sort();
      const next = targets.slice(top[1]).find((target) => (top[1]++, byId.has(target) && !visited.has(target)));
      if (next !== undefined) {
        visited.add(next);
        stack.push([next, 0]);
      } else {
        stack.pop();
        order.push(byId.get(top[0])!);
      }
    }
  }
  return order;
}
