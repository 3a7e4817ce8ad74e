/**
 * Which processes of a phase ended and how, from the strace records (pure):
 * the phase's first process (the command the phase ran), processes still
 * running when the trace stopped (strace was killed at the time limit), and
 * processes killed by SIGKILL before that (the OOM killer's victims).
 * Threads are not processes: a clone with CLONE_THREAD is skipped.
 */
import type { StraceRecord } from './strace-line.js';

export interface ProcessLifetimes {
  /** The phase's first process; null for an empty trace. */
  readonly rootPid: number | null;
  /** How the first process ended: its exit code, a signal, or null when it still ran when the trace stopped. */
  readonly rootEnd: { readonly exitCode: number } | { readonly signal: string } | null;
  /** Processes with no exit in the trace, in order of appearance. */
  readonly survivors: readonly number[];
  /** Processes killed by SIGKILL while the trace still ran. */
  readonly killed: readonly number[];
  /** Forks refused with EAGAIN (the process limit). */
  readonly forkFailures: number;
}

const CLONES = new Set(['clone', 'clone3', 'fork', 'vfork']);

function isThreadClone(record: StraceRecord): boolean {
  if (record.syscall === 'fork' || record.syscall === 'vfork') return false;
  const flags = record.syscall === 'clone3' ? record.args[0] : record.args.find((arg) => arg.startsWith('flags='));
  return flags?.includes('CLONE_THREAD') ?? false;
}

export function processLifetimes(records: readonly StraceRecord[]): ProcessLifetimes {
  const processes: number[] = [];
  const seen = new Set<number>();
  const threads = new Set<number>();
  const ended = new Map<number, { exitCode: number } | { signal: string }>();
  const killed: number[] = [];
  let forkFailures = 0;
  const note = (pid: number): void => {
    if (!seen.has(pid) && !threads.has(pid)) {
      seen.add(pid);
      processes.push(pid);
    }
  };
  for (const record of records) {
    if (record.kind === 'syscall' && record.syscall !== null && CLONES.has(record.syscall) && record.result !== null && record.result > 0) {
      if (isThreadClone(record)) threads.add(record.result);
      else note(record.result);
    }
    if (record.syscall !== null && CLONES.has(record.syscall) && record.errno === 'EAGAIN') forkFailures += 1;
    if (record.kind === 'exit') ended.set(record.pid, { exitCode: record.exitCode ?? 0 });
    else if (record.kind === 'killed') {
      ended.set(record.pid, { signal: record.signal ?? 'SIGKILL' });
      if (record.signal === 'SIGKILL' && !threads.has(record.pid)) killed.push(record.pid);
    }
    note(record.pid);
  }
  const rootPid = processes[0] ?? null;
  return {
    rootPid,
    rootEnd: rootPid === null ? null : (ended.get(rootPid) ?? null),
    survivors: processes.filter((pid) => !ended.has(pid)),
    killed,
    forkFailures,
  };
}
