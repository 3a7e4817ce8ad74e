/**
 * Who created a container or volume: the orchestrator process (host name,
 * boot id, pid and the pid's start time), recorded in labels so a reaper can
 * tell leftovers of a dead run from the objects of a run still going, even
 * one of another dynaudit process on the same engine.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

const LABEL_OWNER_HOST = 'dev.dynaudit.owner.host';
const LABEL_OWNER_BOOT = 'dev.dynaudit.owner.boot';
export const LABEL_OWNER_PID = 'dev.dynaudit.owner.pid';
const LABEL_OWNER_START = 'dev.dynaudit.owner.start';

export interface Owner {
  readonly host: string;
  /** The kernel's boot id ('' where unknown): a pid means nothing after a reboot. */
  readonly boot: string;
  readonly pid: number;
  /** The process's start time (clock ticks since boot, /proc/PID/stat), so a reused pid is not mistaken for the owner; '' where unknown. */
  readonly start: string;
}

/** How a reaper finds out whether a process of this machine still runs. */
export interface ProcessProbe {
  /** The start time of `pid` ('' when it runs but the time is unknown), or null when no such process runs. */
  startTimeOf(pid: number): string | null;
}

/** 'unknown': the owner is on another machine (or a container with its own pids); its objects are left alone. */
export type OwnerState = 'alive' | 'dead' | 'unknown';

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Field 22 of /proc/PID/stat (the start time), read after the command name
 * (which may hold spaces and parentheses); null for a zombie or a dead
 * process: it runs no more, whether or not its parent has reaped it.
 */
export function startTimeFromStat(stat: string): string | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X' || fields[0] === 'x') return null;
  return fields[19] ?? null;
}

export const procProbe: ProcessProbe = {
  startTimeOf(pid: number): string | null {
    const stat = readText(`/proc/${pid}/stat`);
    if (stat !== null) return startTimeFromStat(stat);
    if (readText('/proc/self/stat') !== null) return null;
    try {
      process.kill(pid, 0);
      return '';
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM' ? '' : null;
    }
  },
};

let self: Owner | undefined;

/** This process as an owner (computed once). */
export function currentOwner(): Owner {
  self ??= {
    host: os.hostname(),
    boot: readText('/proc/sys/kernel/random/boot_id')?.trim() ?? '',
    pid: process.pid,
    start: procProbe.startTimeOf(process.pid) ?? '',
  };
  return self;
}

export function ownerLabels(owner: Owner): Record<string, string> {
  return {
    [LABEL_OWNER_HOST]: owner.host,
    [LABEL_OWNER_BOOT]: owner.boot,
    [LABEL_OWNER_PID]: String(owner.pid),
    [LABEL_OWNER_START]: owner.start,
  };
}

/** The owner recorded in an object's labels; null when they are missing or malformed (objects of older versions). */
export function ownerFromLabels(labels: Readonly<Record<string, string>>): Owner | null {
  const host = labels[LABEL_OWNER_HOST];
  const pid = Number(labels[LABEL_OWNER_PID]);
  if (host === undefined || !Number.isInteger(pid) || pid <= 0) return null;
  return { host, boot: labels[LABEL_OWNER_BOOT] ?? '', pid, start: labels[LABEL_OWNER_START] ?? '' };
}

/** Whether the recorded owner still runs, seen from `self` (pure but for the probe). */
export function ownerState(owner: Owner, self: Owner, probe: ProcessProbe): OwnerState {
  if (owner.host !== self.host) return 'unknown';
  // Same machine, other boot: every process of that boot is gone.
  if (owner.boot !== '' && self.boot !== '' && owner.boot !== self.boot) return 'dead';
  if (owner.pid === self.pid && (owner.start === '' || owner.start === self.start)) return 'alive';
  const start = probe.startTimeOf(owner.pid);
  if (start === null) return 'dead';
  return owner.start !== '' && start !== '' && start !== owner.start ? 'dead' : 'alive';
}
