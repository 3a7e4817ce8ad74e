/**
 * What a lockfile says, whatever tool wrote it: the packages (deduplicated by
 * name, version and integrity), the dependency edges between them, and the
 * entries we cannot fetch from a registry by name and version (skipped).
 */

/** A dependency as the dependant requires it: `alias` is the folder name (differs from the name for `npm:` aliases). */
export interface LockEdge {
  readonly alias: string;
  /** LockPackage id of the target. */
  readonly target: string;
  readonly optional: boolean;
}

export interface LockPackage {
  /** `name@version`, plus `#integrity` when the lockfile has one. */
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** SRI string from the lockfile; null when it records none. */
  readonly integrity: string | null;
  readonly dependencies: readonly LockEdge[];
  /** Whether the lockfile says the package has install scripts; null when the format does not record it. */
  readonly hasInstallScript: boolean | null;
  /** Platform restrictions the lockfile records (npm v2/v3, pnpm). */
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
}

export interface SkippedEntry {
  readonly name: string;
  readonly version: string | null;
  /** Where the lockfile says it comes from (`git+…`, `file:…`, a location). */
  readonly source: string;
  readonly reason: string;
}

export interface LockfileGraph {
  /** e.g. `package-lock.json v3`, `yarn.lock v1`, `pnpm-lock.yaml v9.0`. */
  readonly format: string;
  /** What the project itself depends on (every edge target is a package id). */
  readonly roots: readonly LockEdge[];
  readonly packages: readonly LockPackage[];
  readonly skipped: readonly SkippedEntry[];
}
