/**
 * An npm registry on 127.0.0.1 for tests (registry-server.mjs): one package
 * with whatever integrity the test wants to advertise (a wrong one makes a
 * tampered tarball), or several packages with their manifests. The same
 * folder can be served inside a sandbox.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { serveRegistry } from './registry-server.mjs';

/** Packs `{ 'package.json': '...', ... }` as an npm tarball (files under package/) and returns its path. */
export async function packTarball(dir: string, name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(dir, `${name.replace('/', '+')}-src`);
  mkdirSync(path.join(root, 'package'), { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(root, 'package', file), content);
  const tarball = path.join(dir, `${name.replace('/', '+')}.tgz`);
  await tar.create({ gzip: true, cwd: root, file: tarball, portable: true }, ['package']);
  return tarball;
}

/** Packs a fixture folder (every file at its top level) as an npm tarball. */
export function packFolder(dir: string, source: string): Promise<string> {
  const files = Object.fromEntries(readdirSync(source).map((file) => [file, readFileSync(path.join(source, file), 'utf8')]));
  const manifest = JSON.parse(files['package.json'] ?? '{}') as { name: string };
  return packTarball(dir, manifest.name, files);
}

export function sri(bytes: Buffer): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

export interface RegistryEntry {
  readonly tarball: string;
  /** The package.json the packument shows; read from the tarball's folder when absent. */
  readonly manifest: { readonly name: string; readonly version: string } & Record<string, unknown>;
  readonly advertisedIntegrity?: string;
}

export interface TinyRegistry {
  readonly url: string;
  /** The served folder (index.json and tarballs), to serve it elsewhere too. */
  readonly folder: string;
  close(): Promise<void>;
}

export async function startRegistry(entries: readonly RegistryEntry[]): Promise<TinyRegistry> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-registry-'));
  const index = entries.map((entry, position) => {
    const file = `${position}.tgz`;
    copyFileSync(entry.tarball, path.join(folder, file));
    const { name, version } = entry.manifest;
    return { name, version, manifest: entry.manifest, tarball: file, integrity: entry.advertisedIntegrity ?? sri(readFileSync(entry.tarball)) };
  });
  writeFileSync(path.join(folder, 'index.json'), JSON.stringify(index));
  const server = await serveRegistry(folder, 0);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    folder,
    close: () =>
      new Promise<void>((resolve) => server.close(() => resolve())).finally(() => rmSync(folder, { recursive: true, force: true })),
  };
}

export function startTinyRegistry(name: string, version: string, tarball: string, advertisedIntegrity?: string): Promise<TinyRegistry> {
  return startRegistry([{ tarball, manifest: { name, version }, ...(advertisedIntegrity ? { advertisedIntegrity } : {}) }]);
}
