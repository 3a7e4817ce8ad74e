/**
 * A private npm registry on 127.0.0.1 for tests: packs fixture package
 * folders into tarballs, serves their packuments (with each version's
 * publish time) and tarballs, publishes new versions while it runs, and
 * writes a package-lock.json (v3) of a project that depends on the root
 * packages, with `resolved` on REGISTRY.invalid (dynaudit fetches by name,
 * version and integrity from the configured registry, never from `resolved`).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as tar from 'tar';
import { sri } from './tiny-registry.js';

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly scripts?: Record<string, string>;
  readonly [key: string]: unknown;
}

export interface FixturePackage {
  readonly manifest: Manifest;
  readonly tarball: Buffer;
  readonly integrity: string;
}

export interface FixtureRegistry {
  readonly url: string;
  readonly packages: readonly FixturePackage[];
  /** Adds (or replaces) a version while the registry runs. */
  publish(pkg: FixturePackage): void;
  close(): Promise<void>;
}

/** Packs a package folder (its files under package/) into an npm tarball. */
export async function packFolder(folder: string, scratch: string): Promise<FixturePackage> {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest;
  const root = path.join(scratch, `${manifest.name}-${manifest.version}`);
  mkdirSync(path.join(root, 'package'), { recursive: true });
  for (const file of readdirSync(folder)) writeFileSync(path.join(root, 'package', file), readFileSync(path.join(folder, file)));
  const file = path.join(scratch, `${manifest.name}-${manifest.version}.tgz`);
  await tar.create({ gzip: true, cwd: root, file, portable: true }, ['package']);
  const tarball = readFileSync(file);
  return { manifest, tarball, integrity: sri(tarball) };
}

export async function startFixtureRegistry(packages: readonly FixturePackage[]): Promise<FixtureRegistry> {
  const all = [...packages];
  const published = new Map<FixturePackage, string>(all.map((pkg) => [pkg, new Date().toISOString()]));
  let url = '';
  const tarballPath = (pkg: FixturePackage): string => `/${pkg.manifest.name}/-/${pkg.manifest.name.split('/').pop()}-${pkg.manifest.version}.tgz`;
  const server: Server = createServer((request, response) => {
    const wanted = decodeURIComponent(request.url ?? '');
    const tarball = all.find((pkg) => tarballPath(pkg) === wanted);
    if (tarball) return void response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarball.tarball);
    const versions = all.filter((pkg) => `/${pkg.manifest.name}` === wanted);
    if (versions.length === 0) return void response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    const latest = versions[versions.length - 1]!.manifest.version;
    const times = versions.map((pkg) => [pkg.manifest.version, published.get(pkg) ?? ''] as const);
    const packument = {
      name: versions[0]!.manifest.name,
      'dist-tags': { latest },
      time: { created: times[0]![1], modified: times[times.length - 1]![1], ...Object.fromEntries(times) },
      versions: Object.fromEntries(
        versions.map((pkg) => [pkg.manifest.version, { ...pkg.manifest, dist: { tarball: `${url}${tarballPath(pkg).slice(1)}`, integrity: pkg.integrity } }]),
      ),
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    packages: all,
    publish: (pkg) => {
      const at = all.findIndex((known) => known.manifest.name === pkg.manifest.name && known.manifest.version === pkg.manifest.version);
      if (at === -1) all.push(pkg);
      else all[at] = pkg;
      published.set(pkg, new Date().toISOString());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * package-lock.json v3 of a project depending on `roots`, every package flat
 * under node_modules. The project declares exact versions, or the `ranges`
 * given per name; with ranges its package.json is written beside the lockfile too.
 */
export function writeLockfile(dir: string, roots: readonly FixturePackage[], all: readonly FixturePackage[], ranges?: Readonly<Record<string, string>>): string {
  const declared = Object.fromEntries(roots.map((pkg) => [pkg.manifest.name, ranges?.[pkg.manifest.name] ?? pkg.manifest.version]));
  const packages: Record<string, unknown> = { '': { name: 'fixture-app', version: '1.0.0', dependencies: declared } };
  for (const pkg of all) {
    const { name, version, dependencies, scripts } = pkg.manifest;
    packages[`node_modules/${name}`] = {
      version,
      resolved: `https://REGISTRY.invalid/${name}/-/${name.split('/').pop()}-${version}.tgz`,
      integrity: pkg.integrity,
      ...(dependencies ? { dependencies } : {}),
      ...(scripts?.preinstall || scripts?.install || scripts?.postinstall ? { hasInstallScript: true } : {}),
    };
  }
  mkdirSync(dir, { recursive: true });
  if (ranges) writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'fixture-app', version: '1.0.0', private: true, dependencies: declared }, null, 2)}\n`);
  const file = path.join(dir, 'package-lock.json');
  writeFileSync(file, `${JSON.stringify({ name: 'fixture-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
  return file;
}
