/**
 * execve/execveat arguments, and the folding of PATH searches (runs of
 * failed execve of one command) into a single process event.
 */
import { posix } from 'node:path';
import type { ProcessEvent, TraceEvent } from '../events/types.js';
import { decodeCString } from './c-string.js';
import { parseArray } from './strace-args.js';
import type { Resolved } from './path-resolver.js';
import { annotationPath, parseFdArg } from './strace-values.js';

export interface ExecCall {
  readonly executable: string;
  /** False when the executable's path cannot be vouched for (see ProcessEvent.exact). */
  readonly exact: boolean;
  readonly argv: string[];
  /** strace cut an argument short or left arguments out. */
  readonly argvTruncated: boolean;
}

/** Decoded argv; a string cut at `-s` keeps strace's `...` marker, an elided tail is left out. */
export function decodeArgv(token: string | undefined): string[] {
  return decodedArgv(token).argv;
}

/** Decoded argv, and whether strace cut an argument short or left arguments out (`...`). */
function decodedArgv(token: string | undefined): { argv: string[]; truncated: boolean } {
  const elements = parseArray(token ?? '') ?? [];
  const argv: string[] = [];
  let truncated = false;
  for (const element of elements) {
    if (element === '...') {
      truncated = true;
      continue;
    }
    const decoded = decodeCString(element);
    if (decoded === null) argv.push(element);
    else argv.push(decoded.bytes.toString('utf8') + (decoded.truncated ? '...' : ''));
    truncated ||= decoded?.truncated === true;
  }
  return { argv, truncated };
}

function pathText(token: string | undefined): string {
  const decoded = decodeCString(token ?? '');
  return decoded === null ? (token ?? '') : decoded.bytes.toString('utf8');
}

/** Where the exec starts from: the working directory, and how a path is walked (links the trace saw being made). */
export interface ExecContext {
  readonly cwd: string | null;
  /** The working directory is known for sure (see ProcessTable). */
  readonly cwdExact: boolean;
  readonly resolve: (text: string, base: string | null) => Resolved;
}

function located(text: string, base: string | null, baseExact: boolean, context: ExecContext): Pick<ExecCall, 'executable' | 'exact'> {
  const walked = context.resolve(text, base);
  return { executable: walked.path, exact: walked.exact && walked.path.startsWith('/') && (text.startsWith('/') || baseExact) };
}

/** execve(path, argv, envp) or execveat(dirfd, path, argv, envp, flags); null for other calls. */
export function execCall(syscall: string, args: readonly string[], context: ExecContext): ExecCall | null {
  if (syscall === 'execve') {
    const { argv, truncated } = decodedArgv(args[1]);
    return { ...located(pathText(args[0]), context.cwd, context.cwdExact, context), argv, argvTruncated: truncated };
  }
  if (syscall === 'execveat') {
    const dirfd = parseFdArg(args[0] ?? '');
    const annotated = annotationPath(dirfd);
    const base = annotated ?? (dirfd?.fd === 'AT_FDCWD' ? context.cwd : null);
    const { argv, truncated } = decodedArgv(args[2]);
    return { ...located(pathText(args[1]), base, annotated !== null || context.cwdExact, context), argv, argvTruncated: truncated };
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
