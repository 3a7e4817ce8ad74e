/**
 * Which files of the sandbox's writable places hold which fixed strings (the
 * command, run as root after the last phase when the runner's processes are
 * gone, and its output read back; pure). Files a package staged a planted
 * secret in are found this way, whatever their name or where they landed.
 */
import { HOME_DIR } from './sandbox-layout.js';

/** Everything the runner can write. */
const SCANNED_FOLDERS = [HOME_DIR, '/tmp', '/var/tmp', '/dev/shm'];
const SCAN_SECONDS = 60;

export interface FileHit {
  readonly path: string;
  readonly needle: string;
}

/** grep for any of `needles` as fixed strings, binary files as text, symlinks not followed; `path\0match` per line. */
export function fileScanCommand(needles: readonly string[]): string[] {
  return ['timeout', String(SCAN_SECONDS), 'grep', '-rasHoFZ', ...needles.flatMap((needle) => ['-e', needle]), '--', ...SCANNED_FOLDERS];
}

export function parseFileScan(output: string, needles: readonly string[]): FileHit[] {
  const known = new Set(needles);
  const hits = new Map<string, FileHit>();
  for (const line of output.split('\n')) {
    const split = line.indexOf('\0');
    if (split < 0) continue;
    const path = line.slice(0, split);
    const needle = line.slice(split + 1);
    if (known.has(needle) && path.startsWith('/')) hits.set(`${path}\0${needle}`, { path, needle });
  }
  return [...hits.values()];
}
