/**
 * A one-package npm registry on 127.0.0.1 for tests: serves a packument and
 * its tarball, with whatever integrity the test wants to advertise (a wrong
 * one makes a tampered tarball).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as tar from 'tar';

/** Packs `{ 'package.json': '...', ... }` as an npm tarball (files under package/) and returns its path. */
export async function packTarball(dir: string, name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(dir, `${name}-src`);
  mkdirSync(path.join(root, 'package'), { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(root, 'package', file), content);
  const tarball = path.join(dir, `${name}.tgz`);
  await tar.create({ gzip: true, cwd: root, file: tarball, portable: true }, ['package']);
  return tarball;
}

export function sri(bytes: Buffer): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

export interface TinyRegistry {
  readonly url: string;
  close(): Promise<void>;
}

export async function startTinyRegistry(name: string, version: string, tarball: string, advertisedIntegrity?: string): Promise<TinyRegistry> {
  const bytes = readFileSync(tarball);
  let url = '';
  const server: Server = createServer((request, response) => {
    const tarballPath = `/${name}/-/${name}-${version}.tgz`;
    if (request.url === tarballPath) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    } else if (request.url === `/${name}`) {
      const dist = { tarball: `${url}${tarballPath.slice(1)}`, integrity: advertisedIntegrity ?? sri(bytes) };
      const packument = { name, 'dist-tags': { latest: version }, versions: { [version]: { name, version, dist } } };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
