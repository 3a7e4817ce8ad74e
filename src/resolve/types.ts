import type { PlatformOverride } from './platform-override.js';

/** What the user asked to analyze, after parsing (see parse-spec.ts). */
export type PackageSpec =
  | { readonly kind: 'registry'; readonly raw: string; readonly name: string; readonly range: string }
  | { readonly kind: 'directory'; readonly raw: string; readonly path: string }
  | { readonly kind: 'tarball'; readonly raw: string; readonly path: string };

type PackageSource = PackageSpec['kind'];

/** One package of the resolved lockfile. */
export interface TreeEntry {
  readonly name: string;
  readonly version: string;
  /**
   * SRI string of the package's tarball. Empty for a bundled dependency,
   * which has no tarball of its own: it ships inside its parent's.
   */
  readonly integrity: string;
  /** Lockfile key, e.g. `node_modules/a/node_modules/b`. */
  readonly location: string;
  /** preinstall/install/postinstall, or a binding.gyp without an install script. */
  readonly hasInstallScript: boolean;
}

export interface ResolvedPackage {
  readonly name: string;
  readonly version: string;
  readonly integrity: string;
  readonly source: PackageSource;
  /**
   * Host dir with package.json + package-lock.json (lockfileVersion 3) of a
   * private project depending on the analyzed package: the exact version for
   * a registry package, `file:./<name>-<version>.tgz` (copied in) otherwise.
   */
  readonly projectDir: string;
  /** npm cache (pass as npm's `--cache`) holding every tarball the install needs, each verified. */
  readonly cacheDir: string;
  /** Every package of the lockfile, the analyzed one included. */
  readonly tree: readonly TreeEntry[];
  /** Packages installed though their os/cpu exclude the sandbox (npm's check overridden). */
  readonly platformOverrides: readonly PlatformOverride[];
}

export interface ResolveOptions {
  /** A fresh directory is created under it; nothing else is written. */
  readonly workDir: string;
  /** Registry URL; the clients' default when absent. */
  readonly registry?: string;
  /**
   * npm cache shared by every run on this machine (packuments and tarballs
   * stay there between runs); the run's own cache gets only the tarballs
   * its tree needs. A cache of the run's own when absent.
   */
  readonly sharedCacheDir?: string;
  readonly onProgress?: (message: string) => void;
}
