/**
 * Splits the trace of an import chunk into one record list per package
 * (pure). A package's records are those of the process that exec'd the
 * loader for it and of everything that process started. Only a process not
 * already working for a package can start one, so a package cannot pass
 * its doings off as another's by running the loader itself.
 */
import { decodeArgv } from '../trace/exec-calls.js';
import type { StraceRecord } from '../trace/strace-line.js';
import { LOADER_ARGS, type ImportItem } from './import-command.js';

export interface ImportTrace {
  readonly records: StraceRecord[];
  /** Exit status of the loader process; null when it did not exit normally or was not seen exiting. */
  readonly exitCode: number | null;
  readonly killedBy: string | null;
  readonly startMs: number;
  readonly endMs: number;
}

export function itemKey(item: ImportItem): string {
  return `${item.base}\0${item.alias}`;
}

const CLONES = new Set(['clone', 'clone3', 'fork', 'vfork']);

function loaderTarget(record: StraceRecord): string | null {
  if (record.syscall !== 'execve' || record.result !== 0) return null;
  const argv = decodeArgv(record.args[1]);
  if (argv.length !== LOADER_ARGS.length + 2) return null;
  if (!LOADER_ARGS.every((arg, index) => index === 0 ? (argv[0] ?? '').endsWith('node') : argv[index] === arg)) return null;
  return `${argv[LOADER_ARGS.length]}\0${argv[LOADER_ARGS.length + 1]}`;
}

export function splitImportTrace(records: readonly StraceRecord[], items: readonly ImportItem[]): Map<string, ImportTrace> {
  const wanted = new Set(items.map(itemKey));
  const owner = new Map<number, string>();
  const roots = new Map<number, string>();
  const out = new Map<string, { records: StraceRecord[]; exitCode: number | null; killedBy: string | null; startMs: number; endMs: number }>();
  for (const record of records) {
    let key = owner.get(record.pid);
    if (key === undefined && record.kind === 'syscall') {
      const target = loaderTarget(record);
      if (target !== null && wanted.has(target) && !out.has(target)) {
        key = target;
        owner.set(record.pid, key);
        roots.set(record.pid, key);
        out.set(key, { records: [], exitCode: null, killedBy: null, startMs: record.timestampMs, endMs: record.timestampMs });
      }
    }
    if (key === undefined) continue;
    const entry = out.get(key)!;
    entry.records.push(record);
    entry.endMs = Math.max(entry.endMs, record.timestampMs);
    if (record.syscall !== null && CLONES.has(record.syscall) && record.result !== null && record.result > 0) owner.set(record.result, key);
    if (roots.get(record.pid) === key) {
      if (record.kind === 'exit') entry.exitCode = record.exitCode ?? null;
      if (record.kind === 'killed') entry.killedBy = record.signal ?? 'unknown';
    }
    if (record.kind === 'exit' || record.kind === 'killed') {
      owner.delete(record.pid);
      roots.delete(record.pid);
    }
  }
  return out;
}
