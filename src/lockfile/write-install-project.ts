/**
 * The npm project the sandbox installs a laid-out lockfile from (pure):
 * package.json plus a lockfileVersion 3 package-lock.json whose every
 * entry pins the exact version and the integrity of the tarball fetched
 * and verified on the host, so `npm ci --offline` installs exactly it.
 */
import { planLayout, type Layout } from './plan-layout.js';
import type { LockEdge, LockfileGraph, LockPackage } from './types.js';

const PROJECT_NAME = 'dynaudit-lockfile-project';

export interface InstallProject {
  readonly packageJson: Record<string, unknown>;
  readonly packageLock: Record<string, unknown>;
}

function tarballUrl(registry: string, name: string, version: string): string {
  const base = name.startsWith('@') ? name.split('/')[1] ?? name : name;
  return `${registry.replace(/\/+$/, '')}/${name}/-/${base}-${version}.tgz`;
}

/** Packages reachable from the project over non-optional edges; the rest are optional. */
function requiredIds(graph: LockfileGraph, byId: ReadonlyMap<string, LockPackage>, included: (id: string) => boolean): Set<string> {
  const required = new Set<string>();
  const stack = graph.roots.filter((edge) => !edge.optional && included(edge.target)).map((edge) => edge.target);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (required.has(id)) continue;
    required.add(id);
    for (const edge of byId.get(id)?.dependencies ?? []) if (!edge.optional && included(edge.target)) stack.push(edge.target);
  }
  return required;
}

function specs(edges: readonly LockEdge[], byId: ReadonlyMap<string, LockPackage>, included: (id: string) => boolean, optional: boolean) {
  const out: Record<string, string> = {};
  for (const edge of edges) {
    const target = byId.get(edge.target);
    if (!target || !included(edge.target) || edge.optional !== optional) continue;
    out[edge.alias] = target.name === edge.alias ? target.version : `npm:${target.name}@${target.version}`;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

export interface ProjectOptions {
  readonly registry: string;
  /** sha512 SRI of each fetched package's tarball, by package id; packages without one are left out. */
  readonly integrity: ReadonlyMap<string, string>;
}

export function buildInstallProject(graph: LockfileGraph, options: ProjectOptions): InstallProject & { layout: Layout } {
  const included = (id: string): boolean => options.integrity.has(id);
  const byId = new Map(graph.packages.map((pkg) => [pkg.id, pkg]));
  const layout = planLayout(graph, included);
  const required = requiredIds(graph, byId, included);
  const rootDependencies = { ...specs(graph.roots, byId, included, false), ...specs(graph.roots, byId, included, true) };
  const packages: Record<string, unknown> = {
    '': { name: PROJECT_NAME, version: '1.0.0', dependencies: rootDependencies },
  };
  for (const placement of layout.placements) {
    const pkg = byId.get(placement.id)!;
    const dependencies = specs(pkg.dependencies, byId, included, false);
    const optionalDependencies = specs(pkg.dependencies, byId, included, true);
    packages[placement.location] = {
      ...(pkg.name === placement.alias ? {} : { name: pkg.name }),
      version: pkg.version,
      resolved: tarballUrl(options.registry, pkg.name, pkg.version),
      integrity: options.integrity.get(placement.id),
      ...(required.has(placement.id) ? {} : { optional: true }),
      ...(dependencies ? { dependencies } : {}),
      ...(optionalDependencies ? { optionalDependencies } : {}),
    };
  }
  return {
    layout,
    packageJson: { name: PROJECT_NAME, version: '1.0.0', private: true, dependencies: rootDependencies },
    packageLock: { name: PROJECT_NAME, version: '1.0.0', lockfileVersion: 3, requires: true, packages },
  };
}
