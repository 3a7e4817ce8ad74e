/**
 * Lays a lockfile graph out as an npm `node_modules` tree (pure): every
 * package where each of its dependants finds the exact version the lockfile
 * pins, by Node's resolution (nearest `node_modules` upwards). Packages go
 * to the top when the name is free there, else next to their dependant.
 * A package nobody depends on whose name is taken at the top cannot be
 * placed without changing what others resolve: it is returned as unplaced.
 */
import { parentLocation } from './npm-locations.js';
import type { LockEdge, LockfileGraph, LockPackage } from './types.js';

export interface Placement {
  /** e.g. `node_modules/a/node_modules/b`. */
  readonly location: string;
  /** The folder name (the name the dependant requires). */
  readonly alias: string;
  readonly id: string;
}

export interface Layout {
  readonly placements: readonly Placement[];
  readonly unplaced: readonly string[];
}

function childLocation(parent: string, alias: string): string {
  return parent === '' ? `node_modules/${alias}` : `${parent}/node_modules/${alias}`;
}

export function planLayout(graph: LockfileGraph, include: (id: string) => boolean = () => true): Layout {
  const byId = new Map<string, LockPackage>(graph.packages.map((pkg) => [pkg.id, pkg]));
  const placed = new Map<string, Placement>();
  const queue: Placement[] = [];
  const placedIds = new Set<string>();
  const usable = (edge: LockEdge): boolean => byId.has(edge.target) && include(edge.target);

  const place = (location: string, alias: string, id: string): void => {
    const placement = { location, alias, id };
    placed.set(location, placement);
    placedIds.add(id);
    queue.push(placement);
  };
  const resolve = (from: string, alias: string): Placement | undefined => {
    for (let base = from; ; base = parentLocation(base)) {
      const found = placed.get(childLocation(base, alias));
      if (found || base === '') return found;
    }
  };
  const drain = (): void => {
    while (queue.length > 0) {
      const { location, id } = queue.shift()!;
      for (const edge of byId.get(id)?.dependencies ?? []) {
        if (!usable(edge)) continue;
        const found = resolve(location, edge.alias);
        if (found?.id === edge.target) continue;
        place(found === undefined ? childLocation('', edge.alias) : childLocation(location, edge.alias), edge.alias, edge.target);
      }
    }
  };

  for (const edge of graph.roots) {
    if (usable(edge) && !placed.has(childLocation('', edge.alias))) place(childLocation('', edge.alias), edge.alias, edge.target);
  }
  drain();
  const unplaced: string[] = [];
  for (const pkg of graph.packages) {
    if (placedIds.has(pkg.id) || !include(pkg.id)) continue;
    if (placed.has(childLocation('', pkg.name))) {
      unplaced.push(pkg.id);
      continue;
    }
    place(childLocation('', pkg.name), pkg.name, pkg.id);
    drain();
  }
  return { placements: [...placed.values()].sort((a, b) => (a.location < b.location ? -1 : 1)), unplaced };
}

/** Each package's shallowest placement: where it is imported from. */
export function primaryPlacements(layout: Layout): Map<string, Placement> {
  const primary = new Map<string, Placement>();
  for (const placement of layout.placements) {
    const known = primary.get(placement.id);
    if (!known || placement.location.split('/node_modules/').length < known.location.split('/node_modules/').length) {
      primary.set(placement.id, placement);
    }
  }
  return primary;
}
