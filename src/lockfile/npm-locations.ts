/**
 * npm lockfiles as a list of install locations (`node_modules/a/node_modules/b`),
 * and their conversion to a graph: a dependency is found the way Node's
 * resolution finds it, from the dependant's folder upwards.
 */
import { skipReason } from './classify-source.js';
import { GraphBuilder } from './graph-builder.js';
import type { LockfileGraph } from './types.js';

export interface NpmNode {
  /** "" for the project itself. */
  readonly location: string;
  readonly name: string;
  readonly version: string;
  readonly integrity: string | null;
  /** `resolved`, or npm v1's version spec for non-registry entries. */
  readonly source: string | null;
  readonly link: boolean;
  readonly inBundle: boolean;
  readonly hasInstallScript: boolean | null;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly dependencies: readonly { readonly name: string; readonly optional: boolean }[];
}

export function parentLocation(location: string): string {
  const at = location.lastIndexOf('/node_modules/');
  return at === -1 ? '' : location.slice(0, at);
}

/** Where `name` required from `from` resolves, or undefined when nothing is installed for it. */
function resolveFrom(from: string, name: string, nodes: ReadonlyMap<string, NpmNode>): NpmNode | undefined {
  let base = from;
  for (;;) {
    const found = nodes.get(base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`);
    if (found) return found;
    if (base === '' || !base.includes('node_modules/')) return base === '' ? undefined : resolveFrom('', name, nodes);
    base = parentLocation(base);
  }
}

function why(node: NpmNode): string | null {
  if (node.link) return 'link to a local folder';
  if (node.inBundle) return `bundled inside its parent (${parentLocation(node.location) || 'the project'}): analyzed as part of it`;
  return skipReason(node.source);
}

export function npmGraph(format: string, nodes: readonly NpmNode[]): LockfileGraph {
  const builder = new GraphBuilder(format);
  const byLocation = new Map(nodes.map((node) => [node.location, node]));
  const ids = new Map<string, string>();
  for (const node of nodes) {
    // Folders outside node_modules (workspaces, file: targets) are the sources of links, not packages.
    if (node.location === '' || !node.location.startsWith('node_modules/')) continue;
    const reason = why(node);
    if (reason !== null) {
      builder.skip({ name: node.name, version: node.version || null, source: node.source ?? node.location, reason });
      continue;
    }
    ids.set(
      node.location,
      builder.add({
        name: node.name,
        version: node.version,
        integrity: node.integrity,
        hasInstallScript: node.hasInstallScript,
        ...(node.os ? { os: node.os } : {}),
        ...(node.cpu ? { cpu: node.cpu } : {}),
      }),
    );
  }
  for (const node of nodes) {
    const from = node.location === '' ? null : ids.get(node.location);
    if (from === undefined) continue;
    for (const dependency of node.dependencies) {
      const target = resolveFrom(node.location, dependency.name, byLocation);
      const targetId = target === undefined ? undefined : ids.get(target.location);
      if (targetId !== undefined) builder.edge(from, { alias: dependency.name, target: targetId, optional: dependency.optional });
    }
  }
  return builder.build();
}
