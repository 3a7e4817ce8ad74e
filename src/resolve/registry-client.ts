import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import npa from 'npm-package-arg';
import type { Options as PacoteOptions } from 'pacote';
import semver from 'semver';
import { contentPath } from './cache-export.js';
import { integrityMatches } from './integrity.js';
import { loadArborist } from './load-arborist.js';

/** The manifest fields the resolve stage reads. */
interface PackageManifest {
  readonly name: string;
  readonly version: string;
  /** SRI of the tarball, when the source knows it (registry packages). */
  readonly integrity?: string;
}

/** What the registry publishes of a package: its versions (and which are deprecated), its dist-tags, and when each version was published. */
export interface Packument {
  readonly name: string;
  readonly distTags: Readonly<Record<string, string>>;
  readonly versions: Readonly<Record<string, { readonly deprecated?: string }>>;
  /** ISO publish time per version, where the registry records it. */
  readonly time: Readonly<Record<string, string>>;
}

/**
 * Fetching behind a small interface (pacote in production, fakes in unit
 * tests). Specs are pacote specs: `name@range` or `file:/abs/path`.
 * Nothing here ever runs a package script.
 */
export interface RegistryClient {
  manifest(spec: string): Promise<PackageManifest>;
  /** The package's document as the registry has it now (a cached copy is revalidated first). */
  packument(name: string): Promise<Packument>;
  /** Tarball bytes; with `integrity`, checked against it and kept in the cache. */
  tarball(spec: string, integrity?: string): Promise<Uint8Array>;
  /** Unpacks a tarball into `dest` (an empty or missing dir); with `integrity`, checked against it first. */
  extract(spec: string, dest: string, integrity?: string): Promise<void>;
}

export interface PacoteClientOptions {
  /** npm cache dir (npm's `--cache`); pacote writes to its `_cacache`. */
  readonly cacheDir: string;
  readonly registry?: string;
}

/**
 * pacote (sigstore and npm's fetch stack under it, about 0.2 s to load) is
 * not loaded with this module, which every command imports at start, but
 * when a client is made (arborist loads it) or used: in an analysis, while
 * its sandbox's bait is made.
 */
async function loadPacote(): Promise<typeof import('pacote')> {
  return (await import('pacote')).default;
}

export function createPacoteClient(options: PacoteClientOptions): RegistryClient {
  const base = {
    cache: join(options.cacheDir, '_cacache'),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    // Directories are packed without their `prepare` script; git deps are never prepared.
    ignoreScripts: true,
    // pacote packs directories with arborist (it reads node_modules for bundled deps).
    Arborist: loadArborist(),
  } as PacoteOptions;

  return {
    async manifest(spec) {
      // A published version never changes: its manifest is read from a cached packument when that has it
      // (a packument cached before the version was published does not: then the registry is asked).
      const exact = semver.valid(npa(spec).rawSpec) !== null;
      const pacote = await loadPacote();
      const manifest = exact ? await pacote.manifest(spec, { ...base, preferOffline: true }).catch(() => pacote.manifest(spec, base)) : await pacote.manifest(spec, base);
      const integrity = typeof manifest._integrity === 'string' ? manifest._integrity : undefined;
      return { name: manifest.name, version: manifest.version, ...(integrity ? { integrity } : {}) };
    },
    async packument(name) {
      const document = await (await loadPacote()).packument(name, { ...base, fullMetadata: true, preferOnline: true });
      const versions = Object.fromEntries(
        Object.entries(document.versions ?? {}).map(([version, manifest]) => [
          version,
          typeof manifest.deprecated === 'string' ? { deprecated: manifest.deprecated } : {},
        ]),
      );
      const time = Object.fromEntries(Object.entries(document.time ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      return { name: document.name, distTags: { ...document['dist-tags'] }, versions, time };
    },
    async tarball(spec, integrity) {
      if (integrity === undefined) return (await loadPacote()).tarball(spec, base);
      // Content is addressed by its hash: a tarball already in the cache needs no registry at all.
      const cached = await readFile(contentPath(options.cacheDir, integrity)).catch(() => null);
      if (cached !== null && integrityMatches(cached, integrity)) return cached;
      return (await loadPacote()).tarball(spec, { ...base, integrity });
    },
    async extract(spec, dest, integrity) {
      await (await loadPacote()).extract(spec, dest, integrity === undefined ? base : { ...base, integrity });
    },
  };
}
