/** The packages a set of packages needs installed: themselves and everything they depend on (pure). */
import type { LockPackage } from './types.js';

export function dependencyClosure(all: readonly LockPackage[], start: readonly LockPackage[]): LockPackage[] {
  const byId = new Map(all.map((pkg) => [pkg.id, pkg]));
  const seen = new Set<string>();
  const stack = start.map((pkg) => pkg.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of byId.get(id)?.dependencies ?? []) stack.push(edge.target);
  }
  return all.filter((pkg) => seen.has(pkg.id));
}
