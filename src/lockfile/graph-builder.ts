/**
 * Collects packages and edges while a reader walks a lockfile: packages are
 * deduplicated by name, version and integrity, edges by alias per dependant.
 */
import type { LockEdge, LockfileGraph, LockPackage, SkippedEntry } from './types.js';

interface MutablePackage {
  readonly name: string;
  readonly version: string;
  readonly integrity: string | null;
  readonly edges: Map<string, LockEdge>;
  hasInstallScript: boolean | null;
  os?: readonly string[];
  cpu?: readonly string[];
}

export interface PackageFacts {
  readonly name: string;
  readonly version: string;
  readonly integrity: string | null;
  readonly hasInstallScript?: boolean | null;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
}

function packageId(name: string, version: string, integrity: string | null): string {
  return integrity === null ? `${name}@${version}` : `${name}@${version}#${integrity}`;
}

export class GraphBuilder {
  private readonly packages = new Map<string, MutablePackage>();
  private readonly roots = new Map<string, LockEdge>();
  private readonly skipped = new Map<string, SkippedEntry>();

  constructor(private readonly format: string) {}

  /** Adds (or finds) a package and returns its id. */
  add(facts: PackageFacts): string {
    const id = packageId(facts.name, facts.version, facts.integrity);
    const existing = this.packages.get(id);
    if (existing) {
      if (facts.hasInstallScript) existing.hasInstallScript = true;
      return id;
    }
    this.packages.set(id, {
      name: facts.name,
      version: facts.version,
      integrity: facts.integrity,
      edges: new Map(),
      hasInstallScript: facts.hasInstallScript ?? null,
      ...(facts.os && facts.os.length > 0 ? { os: facts.os } : {}),
      ...(facts.cpu && facts.cpu.length > 0 ? { cpu: facts.cpu } : {}),
    });
    return id;
  }

  has(id: string): boolean {
    return this.packages.has(id);
  }

  /** An edge from a package, or from the project itself when `from` is null. The first edge per alias wins. */
  edge(from: string | null, edge: LockEdge): void {
    const edges = from === null ? this.roots : this.packages.get(from)?.edges;
    if (edges && !edges.has(edge.alias)) edges.set(edge.alias, edge);
  }

  skip(entry: SkippedEntry): void {
    const key = `${entry.name}@${entry.version ?? ''}@${entry.source}`;
    if (!this.skipped.has(key)) this.skipped.set(key, entry);
  }

  build(): LockfileGraph {
    const packages: LockPackage[] = [...this.packages.entries()].map(([id, pkg]) => ({
      id,
      name: pkg.name,
      version: pkg.version,
      integrity: pkg.integrity,
      dependencies: [...pkg.edges.values()],
      hasInstallScript: pkg.hasInstallScript,
      ...(pkg.os ? { os: pkg.os } : {}),
      ...(pkg.cpu ? { cpu: pkg.cpu } : {}),
    }));
    packages.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { format: this.format, roots: [...this.roots.values()], packages, skipped: [...this.skipped.values()] };
  }
}
