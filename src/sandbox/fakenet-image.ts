/**
 * The fakenet sidecar's image: built FROM the sandbox image (same tools:
 * iproute2, iptables, tcpdump, python3) plus the sink's code, which thus
 * never sits in the sandbox's own filesystem. Its tag carries a content
 * hash of everything it is made of (sandbox-images/base, node, fakenet).
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import tarFs from 'tar-fs';
import type { ContainerEngine } from './container-engine.js';
import { hashTree } from './sandbox-image.js';

export interface FakenetImageOptions {
  readonly imagesDir: string;
  /** Tag of the sandbox image to build from (ensureSandboxImage's result). */
  readonly sandboxImage: string;
  readonly onProgress: (message: string) => void;
}

async function fakenetImageTag(imagesDir: string): Promise<string> {
  return `dynaudit-fakenet:${await hashTree(imagesDir, ['base', 'node', 'fakenet'])}`;
}

/** Returns the tag of an up-to-date fakenet image, building it (a few seconds) if needed. */
export async function ensureFakenetImage(engine: ContainerEngine, options: FakenetImageOptions): Promise<string> {
  const tag = await fakenetImageTag(options.imagesDir);
  if (await engine.imageExists(tag)) return tag;
  options.onProgress(`building fakenet image ${tag}`);
  const context = tarFs.pack(path.join(options.imagesDir, 'fakenet'), {
    ignore: (name) => name.split(path.sep).includes('__pycache__'),
  }) as unknown as Readable;
  await engine.buildImage(context, tag, { BASE_IMAGE: options.sandboxImage }, (line) => options.onProgress(line));
  return tag;
}
