/**
 * Splits the trace of a chunk loader (sandbox-images/node/runner/
 * load-chunk.mjs) into one record list per package (pure). A loader process
 * imports packages one after another; before and after each import it
 * opens `/dev/null/dynaudit-import-marker/<start|ok|failed>/<index>/<token>/<next>`
 * (and `bin` after the start when the package's main is one of its bins:
 * loading it runs that CLI, and its records are judged as that bin run).
 * What the loader process and its threads do after package i's start marker
 * is package i's, until the next accepted start marker; a process started
 * meanwhile (and everything it starts) is package i's for good. A marker is
 * accepted only from a loader process and only with the token the previous
 * marker announced, so package code cannot forge one; a forged one stays
 * in the package's own records. The loader's start-up (before its first
 * marker) and the supervisor are dynaudit's own and dropped.
 */
import { cStringText } from '../../trace/c-string.js';
import { decodeArgv } from '../../trace/exec-calls.js';
import type { StraceRecord } from '../../trace/strace-line.js';

const CHUNK_LOADER_FILE = 'load-chunk.mjs';
const MARKER_DIR = '/dev/null/dynaudit-import-marker/';

export interface ChunkImportTrace {
  readonly records: StraceRecord[];
  /** The loader process that imported it (packages of one loader process can run into each other's deferred work). */
  readonly loaderPid: number;
  /** true/false from the loader's ok/failed marker; null when the import never finished. */
  loaded: boolean | null;
  /** Its main is one of its bins (the loader's bin marker): the import ran that CLI. */
  runsBin: boolean;
  /** How the loader process ended while this package was its current one (null: it went on or was not seen ending). */
  killedBy: string | null;
  exitCode: number | null;
  readonly startMs: number;
  endMs: number;
}

interface Loader {
  readonly mainPid: number;
  current: number | null;
  expected: string | null;
}

const CLONES = new Set(['clone', 'clone3', 'fork', 'vfork']);

function isLoaderExec(record: StraceRecord): boolean {
  if (record.syscall !== 'execve' || record.result !== 0) return false;
  const argv = decodeArgv(record.args[1]);
  return argv.length >= 5 && (argv[0] ?? '').endsWith('node') && (argv[2] ?? '').endsWith(`/${CHUNK_LOADER_FILE}`) && argv[3] === 'load';
}

/** A clone that makes a thread of the same process (it shares the loader's state), not a new process. */
function isThread(record: StraceRecord): boolean {
  return record.args.some((arg) => /\bCLONE_THREAD\b/.test(arg));
}

interface Marker {
  readonly kind: 'start' | 'ok' | 'failed' | 'bin';
  readonly index: number;
  readonly token: string;
  readonly next: string;
}

function parseMarker(record: StraceRecord): Marker | null {
  if (record.syscall !== 'openat' && record.syscall !== 'open') return null;
  const text = cStringText(record.args[record.syscall === 'openat' ? 1 : 0] ?? '');
  if (text === null || !text.startsWith(MARKER_DIR)) return null;
  const match = /^(start|ok|failed|bin)\/(\d{1,6})\/([0-9a-f]{24})\/([0-9a-f]{24})$/.exec(text.slice(MARKER_DIR.length));
  if (!match) return null;
  return { kind: match[1] as Marker['kind'], index: Number(match[2]), token: match[3]!, next: match[4]! };
}

export function splitChunkTrace(records: readonly StraceRecord[], count: number): Map<number, ChunkImportTrace> {
  const loaders = new Map<number, Loader>();
  const owner = new Map<number, number>();
  const out = new Map<number, ChunkImportTrace>();
  const add = (index: number, record: StraceRecord): void => {
    const entry = out.get(index)!;
    entry.records.push(record);
    entry.endMs = Math.max(entry.endMs, record.timestampMs);
  };
  for (const record of records) {
    const loader = loaders.get(record.pid);
    const owned = owner.get(record.pid);
    if (loader === undefined && owned === undefined) {
      if (record.kind === 'syscall' && isLoaderExec(record)) loaders.set(record.pid, { mainPid: record.pid, current: null, expected: null });
      continue;
    }
    if (owned !== undefined) {
      add(owned, record);
      if (record.syscall !== null && CLONES.has(record.syscall) && record.result !== null && record.result > 0) owner.set(record.result, owned);
    } else if (loader !== undefined) {
      const marker = record.result === -1 && record.errno === 'ENOTDIR' ? parseMarker(record) : null;
      const accepted = marker !== null && marker.index < count && (loader.expected === null || marker.token === loader.expected) &&
        (marker.kind === 'start' ? !out.has(marker.index) : marker.index === loader.current);
      if (accepted) {
        loader.expected = marker.next;
        if (marker.kind === 'start') {
          loader.current = marker.index;
          out.set(marker.index, { records: [], loaderPid: loader.mainPid, loaded: null, runsBin: false, killedBy: null, exitCode: null, startMs: record.timestampMs, endMs: record.timestampMs });
        } else if (marker.kind === 'bin') out.get(marker.index)!.runsBin = true;
        else out.get(marker.index)!.loaded = marker.kind === 'ok';
      } else if (loader.current !== null) {
        add(loader.current, record);
        if (record.syscall !== null && CLONES.has(record.syscall) && record.result !== null && record.result > 0) {
          if (isThread(record)) loaders.set(record.result, loader);
          else owner.set(record.result, loader.current);
        }
      } else if (record.syscall !== null && CLONES.has(record.syscall) && record.result !== null && record.result > 0 && isThread(record)) {
        loaders.set(record.result, loader);
      }
      if ((record.kind === 'exit' || record.kind === 'killed') && record.pid === loader.mainPid && loader.current !== null) {
        const entry = out.get(loader.current)!;
        if (record.kind === 'exit') entry.exitCode = record.exitCode ?? null;
        else entry.killedBy = record.signal ?? 'unknown';
      }
    }
    if (record.kind === 'exit' || record.kind === 'killed') {
      loaders.delete(record.pid);
      owner.delete(record.pid);
    }
  }
  return out;
}
