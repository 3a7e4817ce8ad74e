import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynauditError, isDynauditError, oneLine } from '../common/errors.js';
import { buildLockfile } from './build-lockfile.js';
import { exportTarballs } from './cache-export.js';
import { fillCache } from './fill-cache.js';
import type { LockEntry } from './lockfile-entries.js';
import { planFetches } from './plan-fetches.js';
import { platformOverrides, platformText, SANDBOX_PLATFORM, withoutPlatformChecks } from './platform-override.js';
import { prepareLocalPackage } from './prepare-local-package.js';
import { createPacoteClient, type RegistryClient } from './registry-client.js';
import { resolveRegistryRoot } from './resolve-registry-root.js';
import type { PackageSpec, ResolvedPackage, ResolveOptions, TreeEntry } from './types.js';
import { writeProject } from './write-project.js';

const CONCURRENCY = 8;

/**
 * Resolves a spec on the host, never running package code: exact version
 * and integrity, a project with a lockfile (v3) for the sandbox's
 * `npm ci --offline`, and an npm cache holding every tarball it needs,
 * each verified against its integrity. Everything lives in a fresh
 * directory under `workDir`, removed again if anything fails; call
 * `removeResolved` when done with the result.
 */
export async function resolvePackage(spec: PackageSpec, options: ResolveOptions): Promise<ResolvedPackage> {
  await mkdir(options.workDir, { recursive: true });
  const rootDir = await mkdtemp(join(options.workDir, 'resolve-'));
  try {
    return await resolveInto(rootDir, spec, options);
  } catch (error) {
    await rm(rootDir, { recursive: true, force: true }).catch(() => undefined);
    if (isDynauditError(error)) {
      throw error;
    }
    throw new DynauditError('E_RESOLVE', `cannot resolve ${JSON.stringify(spec.raw)}: ${oneLine(error)}`, {
      cause: error,
    });
  }
}

interface Root {
  readonly name: string;
  readonly version: string;
  readonly integrity: string;
  /** What the project's package.json depends on: an exact version or `file:./x.tgz`. */
  readonly dependencySpec: string;
  /** Only for local sources: arborist does not see a binding.gyp in a local tarball. */
  readonly hasInstallScript?: boolean;
}

async function resolveInto(rootDir: string, spec: PackageSpec, options: ResolveOptions): Promise<ResolvedPackage> {
  const progress = options.onProgress ?? (() => undefined);
  const projectDir = join(rootDir, 'project');
  const cacheDir = join(rootDir, 'cache');
  // Packing and unpacking local packages use a scratch cache, and registry data comes from the shared cache
  // when there is one: the cache handed to the sandbox holds the tree's tarballs only (no host paths).
  const scratchDir = join(rootDir, 'scratch');
  const scratchCacheDir = join(scratchDir, 'cache');
  const fetchCacheDir = options.sharedCacheDir ?? cacheDir;
  await mkdir(projectDir);
  await mkdir(cacheDir);
  const registry = options.registry === undefined ? {} : { registry: options.registry };
  const client = createPacoteClient({ cacheDir: fetchCacheDir, ...registry });
  const scratchClient = createPacoteClient({ cacheDir: scratchCacheDir, ...registry });

  progress(spec.kind === 'registry' ? `resolving ${spec.name}@${spec.range}` : `reading ${spec.raw}`);
  const rootClient = spec.kind === 'registry' ? client : scratchClient;
  const root = await describeRoot(spec, rootClient, projectDir, join(scratchDir, 'unpacked'));
  await writeProject(projectDir, root.name, root.dependencySpec);

  const subject = `${root.name}@${root.version}`;
  progress(`building the dependency tree of ${subject}`);
  const entries = await buildLockfile(projectDir, {
    cacheDir: options.sharedCacheDir ?? scratchCacheDir,
    ...registry,
    subject,
    ...(options.sharedCacheDir ? { reuse: { name: root.name, version: root.version, integrity: root.integrity } } : {}),
  });
  const location = `node_modules/${root.name}`;
  checkRootEntry(entries.find((entry) => entry.location === location), root);

  const overrides = platformOverrides(entries, location);
  if (overrides.length > 0) {
    const lockPath = join(projectDir, 'package-lock.json');
    const lock = withoutPlatformChecks(JSON.parse(await readFile(lockPath, 'utf8')), new Set(overrides.map((entry) => entry.location)));
    await writeFile(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
    progress(`installing ${overrides.map((entry) => `${entry.name}@${entry.version} (${platformText(entry)})`).join(', ')} though built for another platform`);
  }
  const local = spec.kind !== 'registry';
  const targets = planFetches(entries, {
    ...(local ? { localLocation: location } : {}),
    platform: SANDBOX_PLATFORM,
    installAnyway: new Set(overrides.map((entry) => entry.location)),
  });
  progress(`fetching ${targets.length} tarball${targets.length === 1 ? '' : 's'}`);
  await fillCache(targets, { client, concurrency: CONCURRENCY, onProgress: progress });
  if (fetchCacheDir !== cacheDir) await exportTarballs(targets.map((target) => target.integrity), fetchCacheDir, cacheDir);
  await rm(scratchDir, { recursive: true, force: true });

  const tree = entries.map((entry) =>
    entry.location === location && local ? toTreeEntry(entry, root) : toTreeEntry(entry),
  );
  return {
    name: root.name,
    version: root.version,
    integrity: root.integrity,
    source: spec.kind,
    projectDir,
    cacheDir,
    tree,
    platformOverrides: overrides,
  };
}

async function describeRoot(
  spec: PackageSpec,
  client: RegistryClient,
  projectDir: string,
  scratchDir: string,
): Promise<Root> {
  if (spec.kind === 'registry') {
    const root = await resolveRegistryRoot(spec, client);
    return { ...root, dependencySpec: root.version };
  }
  const local = await prepareLocalPackage(spec, projectDir, client, scratchDir);
  return { ...local, dependencySpec: `file:./${local.fileName}` };
}

/** The lockfile must pin exactly what we resolved, with the same integrity. */
function checkRootEntry(entry: LockEntry | undefined, root: Root): void {
  const subject = `${root.name}@${root.version}`;
  if (entry === undefined || entry.version !== root.version) {
    const found = entry === undefined ? 'nothing' : `version ${entry.version}`;
    throw new DynauditError('E_RESOLVE', `the lockfile of "${subject}" pins ${found} at node_modules/${root.name}`);
  }
  if (entry.integrity !== root.integrity) {
    throw new DynauditError(
      'E_INTEGRITY',
      `integrity check failed for "${subject}": the lockfile has ${String(entry.integrity)}, expected ${root.integrity}`,
    );
  }
}

function toTreeEntry(entry: LockEntry, root?: Root): TreeEntry {
  return {
    name: entry.name,
    version: entry.version,
    integrity: root?.integrity ?? entry.integrity ?? '',
    location: entry.location,
    hasInstallScript: entry.hasInstallScript || (root?.hasInstallScript ?? false),
  };
}
