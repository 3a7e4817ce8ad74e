/**
 * A small npm registry for tests, with no dependencies so it also runs inside
 * a sandbox (node registry-server.mjs FOLDER PORT, on 127.0.0.1). FOLDER has
 * index.json: [{name, version, manifest, tarball, integrity}] with the
 * tarballs beside it; packuments carry each manifest (with hasInstallScript,
 * as the npm registry adds it) and dist {tarball, integrity}.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

function packument(entries, name, base) {
  const versions = {};
  for (const entry of entries.filter((e) => e.name === name)) {
    const scripts = entry.manifest.scripts ?? {};
    versions[entry.version] = {
      ...entry.manifest,
      name,
      version: entry.version,
      ...(INSTALL_SCRIPTS.some((event) => scripts[event]) ? { hasInstallScript: true } : {}),
      dist: { tarball: `${base}${name}/-/${name.split('/').pop()}-${entry.version}.tgz`, integrity: entry.integrity },
    };
  }
  const latest = Object.keys(versions).at(-1);
  return latest === undefined ? null : { name, 'dist-tags': { latest }, versions };
}

/** Serves the folder on 127.0.0.1 (port 0: any free one); resolves to the server once listening. */
export function serveRegistry(folder, port) {
  const entries = JSON.parse(readFileSync(path.join(folder, 'index.json'), 'utf8'));
  const server = createServer((request, response) => {
    const url = decodeURIComponent((request.url ?? '/').split('?')[0]);
    const base = `http://${request.headers.host}/`;
    const tarball = entries.find((e) => url === `/${e.name}/-/${e.name.split('/').pop()}-${e.version}.tgz`);
    if (tarball) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(path.join(folder, tarball.tarball)));
      return;
    }
    const document = packument(entries, url.slice(1), base);
    if (document) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    else response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await serveRegistry(process.argv[2], Number(process.argv[3]));
  process.stdout.write(`registry listening on ${JSON.stringify(server.address())}\n`);
}
