/**
 * What the sandbox's limits saw, read inside the container as root: the
 * memory cgroup's OOM-kill count, the pids cgroup's count of forks refused
 * at the limit (cgroup v1 and v2 file names both), and how full each
 * writable filesystem is. A phase's share is the difference between the
 * readings before and after it (pure parsing and arithmetic here).
 */

interface FilesystemUse {
  readonly path: string;
  readonly sizeBytes: number;
  readonly freeBytes: number;
}

export interface ResourceReading {
  /** null where the cgroup file is not visible (e.g. under gVisor). */
  readonly oomKills: number | null;
  readonly pidsRefused: number | null;
  readonly filesystems: readonly FilesystemUse[];
}

/** A filesystem counts as full with less than this share free. */
const FULL_FREE_SHARE = 0.02;

/** Prints the counters, and the use of each filesystem in "$@". */
const PROBE_SCRIPT = [
  'for f in /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events; do [ -r "$f" ] && sed -n "s/^oom_kill /oom_kill /p" "$f"; done',
  'for f in /sys/fs/cgroup/pids/pids.events /sys/fs/cgroup/pids.events; do [ -r "$f" ] && sed -n "s/^max /pids_max /p" "$f"; done',
  'for p in "$@"; do stat -f -c "fs %S %b %a %n" "$p" 2>/dev/null; done',
].join('\n');

/** The counters and the filesystems of `paths` on stdout. */
export function probeCommand(paths: readonly string[]): string[] {
  return ['sh', '-c', `${PROBE_SCRIPT}\nexit 0`, 'probe', ...paths];
}

/**
 * What follows a traced phase, in one exec: the reading on stderr, and on
 * stdout the first `capBytes` + 1 bytes of its trace file (one more than
 * is kept, so a longer trace shows as cut without crossing whole).
 */
export function probeAndTraceCommand(paths: readonly string[], traceFile: string, capBytes: number): string[] {
  return ['sh', '-c', `trace=$1; shift\n{\n${PROBE_SCRIPT}\n} >&2\nexec head -c ${capBytes + 1} -- "$trace"`, 'probe', traceFile, ...paths];
}

export function parseReading(text: string): ResourceReading {
  let oomKills: number | null = null;
  let pidsRefused: number | null = null;
  const filesystems: FilesystemUse[] = [];
  for (const line of text.split('\n')) {
    const counter = /^(oom_kill|pids_max) (\d+)$/.exec(line.trim());
    if (counter) {
      const value = Number(counter[2]);
      if (counter[1] === 'oom_kill') oomKills = (oomKills ?? 0) + value;
      else pidsRefused = (pidsRefused ?? 0) + value;
      continue;
    }
    const fs = /^fs (\d+) (\d+) (\d+) (\/.*)$/.exec(line.trim());
    if (fs) {
      const block = Number(fs[1]);
      filesystems.push({ path: fs[4]!, sizeBytes: block * Number(fs[2]), freeBytes: block * Number(fs[3]) });
    }
  }
  return { oomKills, pidsRefused, filesystems };
}

export interface ReadingDelta {
  readonly oomKills: number;
  readonly pidsRefused: number;
  /** Filesystems full after the phase (and not already before it). */
  readonly fullFilesystems: readonly FilesystemUse[];
}

const isFull = (fs: FilesystemUse): boolean => fs.sizeBytes > 0 && fs.freeBytes < fs.sizeBytes * FULL_FREE_SHARE;

export function readingDelta(before: ResourceReading | null, after: ResourceReading): ReadingDelta {
  const grew = (a: number | null, b: number | null): number => (b === null ? 0 : Math.max(0, b - (a ?? 0)));
  const fullBefore = new Set((before?.filesystems ?? []).filter(isFull).map((fs) => fs.path));
  return {
    oomKills: grew(before?.oomKills ?? null, after.oomKills),
    pidsRefused: grew(before?.pidsRefused ?? null, after.pidsRefused),
    fullFilesystems: after.filesystems.filter((fs) => isFull(fs) && !fullBefore.has(fs.path)),
  };
}
