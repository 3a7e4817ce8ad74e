import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegistryClient } from './registry-client.js';

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

/**
 * Whether npm would run an install script for a package: a
 * preinstall/install/postinstall script, or a binding.gyp without an
 * install script (npm then runs `node-gyp rebuild`) unless `gypfile: false`.
 * npm's v2/v3 lockfiles say so; for a local tarball arborist only looks at
 * `scripts`, and other lockfiles do not record it, hence this. Unpacks
 * (never runs) the package (a pacote spec, checked against `integrity`
 * when given) into `scratchDir`.
 */
export async function hasInstallScript(client: RegistryClient, spec: string, scratchDir: string, integrity?: string): Promise<boolean> {
  await client.extract(spec, scratchDir, integrity);
  const manifest = JSON.parse(await readFile(join(scratchDir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, unknown>;
    gypfile?: unknown;
  };
  const scripts = manifest.scripts ?? {};
  if (INSTALL_SCRIPTS.some((event) => typeof scripts[event] === 'string' && scripts[event] !== '')) {
    return true;
  }
  if (manifest.gypfile === false) {
    return false;
  }
  const gyp = await stat(join(scratchDir, 'binding.gyp')).catch(() => undefined);
  return gyp?.isFile() ?? false;
}

export function hasLocalInstallScript(client: RegistryClient, tarballPath: string, scratchDir: string): Promise<boolean> {
  return hasInstallScript(client, `file:${tarballPath}`, scratchDir);
}
