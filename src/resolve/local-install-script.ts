import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegistryClient } from './registry-client.js';

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

/**
 * Whether npm would run an install script for this local tarball: a
 * preinstall/install/postinstall script, or a binding.gyp without an
 * install script (npm then runs `node-gyp rebuild`) unless `gypfile: false`.
 * For registry packages the lockfile says so; for a local tarball arborist
 * only looks at `scripts`, hence this. Unpacks (never runs) it into `scratchDir`.
 */
export async function hasLocalInstallScript(
  client: RegistryClient,
  tarballPath: string,
  scratchDir: string,
): Promise<boolean> {
  await client.extract(`file:${tarballPath}`, scratchDir);
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
