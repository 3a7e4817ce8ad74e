/**
 * Whole-trace parsing: lines to records, with each `<unfinished ...>` line
 * merged with its `<... resumed>` line into one complete call.
 */
import { overlongRecord, parseCallTail, parseCutLine, parseStraceLine, type StraceRecord } from './strace-line.js';

/**
 * Lines longer than this are not parsed (sandbox output is untrusted) but
 * kept as `overlong` records, which become trace-limit events: never a silent
 * gap. An exec with the most arguments the kernel takes prints about 8 MiB.
 */
export const MAX_LINE_LENGTH = 32 * 1024 * 1024;

/**
 * Parses a whole strace output file into records, in file order.
 *
 * - A merged call takes the place and the timestamp of its unfinished half,
 *   so a clone's result comes before the child's first line.
 * - A call that never resumed (tracee or tracer killed) stays as an
 *   `unfinished` record with a null result.
 * - A resumed half without its start is dropped.
 * - A line longer than MAX_LINE_LENGTH is an `overlong` record (pid, time, syscall name).
 * - A last line without a trailing newline was cut short (the tracer was
 *   killed): it is kept as an unfinished call if its arguments are whole,
 *   as when a process sat blocked in connect() until the phase timed out,
 *   and dropped otherwise (never with a result, which may be cut). A last
 *   line that ends in a newline but holds only a call's start counts the
 *   same. Any other line that does not parse is dropped.
 * - An execve that strace shows as `<pid changed to N ...>` (a non-leader
 *   thread exec'd; strace 6.1 then prints a bogus `-1 (errno ...)` result)
 *   succeeded: it is merged under pid N with result 0.
 */
export function parseStrace(text: string): StraceRecord[] {
  const lines = text.split('\n');
  const terminated = lines[lines.length - 1] === '';
  if (terminated) lines.pop();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const out: StraceRecord[] = [];
  const pending = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > MAX_LINE_LENGTH) {
      const overlong = overlongRecord(line);
      if (overlong) out.push(overlong);
      continue;
    }
    const isLast = i === lines.length - 1;
    const whole = isLast && !terminated ? null : parseStraceLine(line);
    const record = whole ?? (isLast ? parseCutLine(line) : null);
    if (!record) continue;
    if (record.kind === 'unfinished') {
      pending.set(`${record.otherPid ?? record.pid}:${record.syscall}`, out.length);
      out.push(record);
    } else if (record.kind === 'resumed') {
      const key = `${record.pid}:${record.syscall}`;
      const index = pending.get(key);
      if (index === undefined) continue;
      pending.delete(key);
      const start = out[index]!;
      out[index] = merge(start, record) ?? start;
    } else {
      out.push(record);
    }
  }
  return out;
}

function merge(start: StraceRecord, end: StraceRecord): StraceRecord | null {
  const tail = parseCallTail(`${start.raw ?? ''}${end.raw ?? ''}`);
  if (!tail) return null;
  const { raw: _raw, otherPid, ...rest } = start;
  if (otherPid !== undefined) {
    return { ...rest, kind: 'syscall', pid: otherPid, args: tail.args, result: 0 };
  }
  return { ...rest, ...tail, kind: 'syscall' };
}
