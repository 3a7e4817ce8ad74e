/**
 * Builds the sandbox image when its inputs change: the tag carries a content
 * hash of sandbox-images/, so an unchanged tree re-uses the image.
 * Without a registry the base is a debootstrap import (sandbox-images/base)
 * and Node comes from the npm registry; with one, BASE_IMAGE can name an
 * official node image (see sandbox-images/node/Dockerfile).
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tarFs from 'tar-fs';
import { DynauditError } from '../common/errors.js';
import { runCommand } from '../common/run-command.js';
import type { ContainerEngine } from './container-engine.js';

interface PinnedTarball {
  readonly package: string;
  readonly version: string;
  readonly integrity: string;
}

export interface SandboxImageOptions {
  readonly imagesDir: string;
  readonly registry?: string;
  readonly onProgress: (message: string) => void;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Short content hash of every file under the given folders (paths and bytes). */
export async function hashTree(root: string, dirs: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const file of await listFiles(path.join(root, dir))) {
      hash.update(path.relative(root, file)).update('\0').update(await readFile(file)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 12);
}

export async function sandboxImageTag(imagesDir: string): Promise<string> {
  return `dynaudit-sandbox-node:${await hashTree(imagesDir, ['base', 'node'])}`;
}

async function ensureBaseImage(engine: ContainerEngine, options: SandboxImageOptions): Promise<string> {
  const tag = `dynaudit-base:bookworm-${await hashTree(options.imagesDir, ['base'])}`;
  if (await engine.imageExists(tag)) return tag;
  options.onProgress(`building base image ${tag} with debootstrap (about a minute, once)`);
  await runCommand('bash', [path.join(options.imagesDir, 'base', 'build-base.sh'), tag], {
    errorCode: 'E_IMAGE_BUILD',
    what: 'building the base image',
    onStderrLine: (line) => options.onProgress(line),
  });
  return tag;
}

async function fetchPinned(pin: PinnedTarball, dest: string, registry: string | undefined): Promise<void> {
  try {
    const { default: pacote } = await import('pacote');
    await pacote.tarball.file(`${pin.package}@${pin.version}`, dest, { integrity: pin.integrity, ...(registry ? { registry } : {}) });
  } catch (error) {
    throw new DynauditError('E_IMAGE_BUILD', `fetching ${pin.package}@${pin.version} for the sandbox image failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Returns the tag of an up-to-date sandbox image, building it if needed. */
export async function ensureSandboxImage(engine: ContainerEngine, options: SandboxImageOptions): Promise<string> {
  const tag = await sandboxImageTag(options.imagesDir);
  if (await engine.imageExists(tag)) return tag;
  const baseTag = await ensureBaseImage(engine, options);
  const context = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-image-'));
  try {
    const nodeDir = path.join(options.imagesDir, 'node');
    await cp(nodeDir, context, { recursive: true });
    const pins = JSON.parse(await readFile(path.join(nodeDir, 'versions.json'), 'utf8')) as Record<'node' | 'npm', PinnedTarball>;
    options.onProgress(`fetching Node.js ${pins.node.version} and npm ${pins.npm.version} for the sandbox image`);
    await fetchPinned(pins.node, path.join(context, 'dist', 'node.tgz'), options.registry);
    await fetchPinned(pins.npm, path.join(context, 'dist', 'npm.tgz'), options.registry);
    options.onProgress(`building sandbox image ${tag}`);
    await engine.buildImage(tarFs.pack(context) as unknown as Readable, tag, { BASE_IMAGE: baseTag, NODE_SOURCE: 'tarball' }, (line) =>
      options.onProgress(line),
    );
    return tag;
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
