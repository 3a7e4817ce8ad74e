/**
 * The command of one import chunk (pure): xargs starts one traced
 * `node load-package.mjs BASE NAME` per package, a few at a time, each
 * under its own timeout. BASE is the folder the package is required from
 * (the project, or the dependant's folder for a nested version).
 */
import { LOADER_SCRIPT } from '../sandbox/sandbox-layout.js';

export interface ImportItem {
  /** Absolute folder inside the sandbox whose node_modules holds the package. */
  readonly base: string;
  /** The name to require (the folder name). */
  readonly alias: string;
}

export const LOADER_ARGS = ['node', '--experimental-import-meta-resolve', LOADER_SCRIPT] as const;

/** Names we pass on a command line: what npm allows in a folder name, nothing a shell or xargs could misread. */
export function isSafeAlias(alias: string): boolean {
  return /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i.test(alias) && alias.length <= 214;
}

/** The chunk loader beside the one-package loader in the image (see load-chunk.mjs). */
export const CHUNK_LOADER_SCRIPT = `${LOADER_SCRIPT.slice(0, LOADER_SCRIPT.lastIndexOf('/'))}/load-chunk.mjs`;

/** One traced process that imports the packages in the order given, restarted after the one that hangs, crashes or lingers. */
export function chunkLoaderCommand(items: readonly ImportItem[], timeoutSeconds: number): string[] {
  return ['node', '--experimental-import-meta-resolve', CHUNK_LOADER_SCRIPT, 'supervise', String(timeoutSeconds), ...items.flatMap((item) => [item.base, item.alias])];
}

export function importChunkCommand(items: readonly ImportItem[], parallel: number, timeoutSeconds: number): string[] {
  const script = `P=$1; T=$2; shift 2; printf '%s\\n' "$@" | xargs -r -d '\\n' -n 2 -P "$P" timeout -s KILL "$T" ${LOADER_ARGS.join(' ')}`;
  return ['sh', '-c', script, 'sh', String(parallel), String(timeoutSeconds), ...items.flatMap((item) => [item.base, item.alias])];
}
