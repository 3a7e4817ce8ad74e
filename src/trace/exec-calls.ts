/**
 * execve/execveat arguments, and the folding of PATH searches (runs of
 * failed execve of one command) into a single process event.
 */
import { posix } from 'node:path';
import type { ProcessEvent, TraceEvent } from '../events/types.js';
import { decodeCString } from './c-string.js';
import { parseArray } from './strace-args.js';
import { resolvePath } from './file-ops.js';
import { annotationPath, parseFdArg } from './strace-values.js';

export interface ExecCall {
  readonly executable: string;
  readonly argv: string[];
}

/** Decoded argv; a string cut at `-s` keeps strace's `...` marker, an elided tail is left out. */
export function decodeArgv(token: string | undefined): string[] {
  const elements = parseArray(token ?? '') ?? [];
  const argv: string[] = [];
  for (const element of elements) {
    if (element === '...') continue;
    const decoded = decodeCString(element);
    if (decoded === null) argv.push(element);
    else argv.push(decoded.bytes.toString('utf8') + (decoded.truncated ? '...' : ''));
  }
  return argv;
}

function pathText(token: string | undefined): string {
  const decoded = decodeCString(token ?? '');
  return decoded === null ? (token ?? '') : decoded.bytes.toString('utf8');
}

/** execve(path, argv, envp) or execveat(dirfd, path, argv, envp, flags); null for other calls. */
export function execCall(syscall: string, args: readonly string[], cwd: string | null): ExecCall | null {
  if (syscall === 'execve') {
    return { executable: resolvePath(pathText(args[0]), cwd), argv: decodeArgv(args[1]) };
  }
  if (syscall === 'execveat') {
    const dirfd = parseFdArg(args[0] ?? '');
    const base = annotationPath(dirfd) ?? (dirfd?.fd === 'AT_FDCWD' ? cwd : null);
    return { executable: resolvePath(pathText(args[1]), base), argv: decodeArgv(args[2]) };
  }
  return null;
}

interface Run {
  readonly key: string;
  readonly indices: number[];
}

const runKey = (event: ProcessEvent): string => `${posix.basename(event.executable)}\0${JSON.stringify(event.argv)}`;

/**
 * Folds each run of failed execs of one command (same pid, same basename,
 * same argv), as a PATH search produces: the run disappears if it ends in a
 * successful exec of that command, and otherwise leaves one failed attempt
 * (the first whose error is not ENOENT, else the first).
 */
export function collapseExecRuns(events: readonly TraceEvent[]): TraceEvent[] {
  const drop = new Set<number>();
  const runs = new Map<number, Run>();
  const finish = (run: Run): void => {
    const keep = run.indices.find((i) => events[i]?.error !== 'ENOENT') ?? run.indices[0];
    for (const i of run.indices) if (i !== keep) drop.add(i);
  };
  events.forEach((event, index) => {
    if (event.kind !== 'process') return;
    const key = runKey(event);
    const run = runs.get(event.pid);
    if (run && run.key === key) {
      if (event.ok) {
        for (const i of run.indices) drop.add(i);
        runs.delete(event.pid);
      } else {
        run.indices.push(index);
      }
      return;
    }
    if (run) finish(run);
    if (event.ok) runs.delete(event.pid);
    else runs.set(event.pid, { key, indices: [index] });
  });
  for (const run of runs.values()) finish(run);
  return events.filter((_, index) => !drop.has(index));
}
