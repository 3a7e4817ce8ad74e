/**
 * Which files of the sandbox's writable places hold which fixed strings (the
 * command, run as root when the runner's processes are gone, and its output
 * read back; pure). Files a package staged a planted secret in are found
 * this way, whatever their name or where they landed.
 *
 * A scan reads only the files changed since the previous scan (or since the
 * files were settled, see settleCommand): their status-change time (ctime)
 * is newer than a mark file in the root-only state folder. A package can
 * set a file's mtime back, never its ctime, so it cannot hide a file from
 * the next scan. The first scan, with no mark yet, reads everything.
 */
import { HOME_DIR, STATE_DIR } from './sandbox-layout.js';

/** Everything the runner can write. */
const SCANNED_FOLDERS = [HOME_DIR, '/tmp', '/var/tmp', '/dev/shm'];
const SCAN_SECONDS = 60;
/** When the files were last scanned or settled (its mtime); the runner cannot reach it. */
const SCAN_MARK = `${STATE_DIR}/files-scanned`;

export interface FileHit {
  readonly path: string;
  readonly needle: string;
}

export interface ScanPlaces {
  readonly folders: readonly string[];
  readonly mark: string;
}

const SANDBOX_PLACES: ScanPlaces = { folders: SCANNED_FOLDERS, mark: SCAN_MARK };

// Arguments: the mark, then `-e NEEDLE` pairs, then the folders. The next mark is made before the scan
// starts, so a file changed while it runs is read again next time.
const SCAN_SCRIPT = `mark=$1; shift
patterns=()
while [ "$1" = -e ]; do patterns+=(-e "$2"); shift 2; done
touch "$mark.next"
if [ -e "$mark" ]; then
  find "$@" -type f -cnewer "$mark" -print0 | xargs -0 -r grep -asHoFZ "\${patterns[@]}" --
else
  grep -rasHoFZ "\${patterns[@]}" -- "$@"
fi
mv "$mark.next" "$mark"
exit 0`;

/**
 * grep for any of `needles` as fixed strings, binary files as text,
 * symlinks not followed, in the files changed since the last scan;
 * `path\\0match` per line.
 */
export function fileScanCommand(needles: readonly string[], places: ScanPlaces = SANDBOX_PLACES): string[] {
  const patterns = needles.flatMap((needle) => ['-e', needle]);
  return ['timeout', String(SCAN_SECONDS), 'bash', '-c', SCAN_SCRIPT, 'scan', places.mark, ...patterns, ...places.folders];
}

/** Files as they are now are left out of the next scan (until they change again): for after a step that ran no package code. */
export function settleCommand(places: ScanPlaces = SANDBOX_PLACES): string[] {
  return ['touch', places.mark];
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
