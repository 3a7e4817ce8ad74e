/**
 * What the chunk loader imports (pure): each package as the folder its
 * dependant finds it from and the name it requires it by, and the loader's
 * command line (sandbox-images/node/runner/load-chunk.mjs).
 */
import { RUNNER_DIR } from '../../sandbox/sandbox-layout.js';

export interface ImportItem {
  /** Absolute folder inside the sandbox whose node_modules holds the package. */
  readonly base: string;
  /** The name to require (the folder name). */
  readonly alias: string;
}

/** Names we pass on a command line: what npm allows in a folder name, nothing a shell could misread. */
export function isSafeAlias(alias: string): boolean {
  return /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i.test(alias) && alias.length <= 214;
}

/** The chunk loader in the image (see load-chunk.mjs). */
export const CHUNK_LOADER_SCRIPT = `${RUNNER_DIR}/load-chunk.mjs`;

/** One traced process that imports the packages in the order given, restarted after the one that hangs, crashes or lingers. */
export function chunkLoaderCommand(items: readonly ImportItem[], timeoutSeconds: number): string[] {
  return ['node', '--experimental-import-meta-resolve', CHUNK_LOADER_SCRIPT, 'supervise', String(timeoutSeconds), ...items.flatMap((item) => [item.base, item.alias])];
}
