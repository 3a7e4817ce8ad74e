/**
 * Parser for one line of `strace -f -ttt -yy -x -o FILE` output:
 * `PID EPOCH.USEC body`, where body is a syscall, half of one
 * (`<unfinished ...>` / `<... name resumed>`), or a `+++`/`---` notice.
 */
import { scanArgs, skipAnnotation, splitTopLevel } from './strace-args.js';

type StraceLineKind = 'syscall' | 'unfinished' | 'resumed' | 'exit' | 'killed' | 'signal' | 'superseded' | 'overlong';

export interface StraceRecord {
  readonly kind: StraceLineKind;
  readonly pid: number;
  /** Milliseconds since the Unix epoch (fractional: strace gives microseconds). */
  readonly timestampMs: number;
  /** Syscall name for syscall/unfinished/resumed lines, else null. */
  readonly syscall: string | null;
  /** Top-level arguments as raw strace text (partial for unfinished/resumed lines). */
  readonly args: readonly string[];
  /** The syscall's return value; null when strace printed `?` or the call never returned. */
  readonly result: number | null;
  /** errno name of a failed call, e.g. ENOENT. */
  readonly errno?: string;
  /** Inside of a `-yy` annotation on the returned fd, e.g. `/etc/passwd` for `= 3</etc/passwd>`. */
  readonly resultAnnotation?: string;
  /** exit: the exit status. */
  readonly exitCode?: number;
  /** killed/signal: the signal name. */
  readonly signal?: string;
  /** superseded: the pid whose execve took this pid over; unfinished `<pid changed to N ...>`: N. */
  readonly otherPid?: number;
  /** unfinished/resumed: this line's share of the call text, used to merge the halves. */
  readonly raw?: string;
  /** overlong: the length of a line too long to read (its pid, time and syscall name are kept). */
  readonly lineLength?: number;
}

export interface CallTail {
  readonly args: string[];
  readonly result: number | null;
  readonly errno?: string;
  readonly resultAnnotation?: string;
}

const PREFIX = /^(\d+)\s+(\d+)\.(\d{1,9})\s+(.*)$/;
const CALL = /^([A-Za-z_][A-Za-z0-9_]*)\(/;
const RESUMED = /^<\.\.\. ([A-Za-z_][A-Za-z0-9_]*) resumed>(.*)$/;
const UNFINISHED = ' <unfinished ...>';
const PID_CHANGED = / <pid changed to (\d+) \.\.\.>$/;
const RESULT = /^\s*=\s*(-?\d+|0x[0-9a-fA-F]+|\?)/;

/**
 * Parses `ARGS) = RET [ERRNO (text)]`, the text after a syscall's `(`.
 * Returns null when the closing parenthesis or the result is missing.
 */
export function parseCallTail(text: string): CallTail | null {
  const scan = scanArgs(text);
  if (scan.end < 0) return null;
  const after = text.slice(scan.end + 1);
  const match = RESULT.exec(after);
  if (!match) return null;
  const token = match[1]!;
  const result = token === '?' ? null : Number(token);
  let rest = after.slice(match[0].length);
  let resultAnnotation: string | undefined;
  if (rest.startsWith('<')) {
    const end = skipAnnotation(rest, 0);
    if (!rest.slice(0, end).endsWith('>')) return null;
    resultAnnotation = rest.slice(1, end - 1);
    rest = rest.slice(end);
  }
  const errno = result === null || result < 0 ? /^\s+(E[A-Z0-9_]+)\b/.exec(rest)?.[1] : undefined;
  return {
    args: scan.parts,
    result,
    ...(errno === undefined ? {} : { errno }),
    ...(resultAnnotation === undefined ? {} : { resultAnnotation }),
  };
}

/** The pid, time and syscall name of a line too long to parse whole. */
export function overlongRecord(line: string): StraceRecord | null {
  const prefix = PREFIX.exec(line.slice(0, 256));
  if (!prefix) return null;
  const timestampMs = Number(prefix[2]) * 1000 + Number(prefix[3]!.padEnd(6, '0').slice(0, 6)) / 1000;
  const syscall = CALL.exec(prefix[4]!)?.[1] ?? RESUMED.exec(prefix[4]!)?.[1] ?? null;
  return { kind: 'overlong', pid: Number(prefix[1]), timestampMs, syscall, args: [], result: null, lineLength: line.length };
}

/** Parses one line; null for anything malformed or unknown (never throws). */
export function parseStraceLine(line: string): StraceRecord | null {
  const prefix = PREFIX.exec(line.replace(/\r$/, ''));
  if (!prefix) return null;
  const pid = Number(prefix[1]);
  const timestampMs = Number(prefix[2]) * 1000 + Number(prefix[3]!.padEnd(6, '0').slice(0, 6)) / 1000;
  const body = prefix[4]!;
  const base = { pid, timestampMs, syscall: null, args: [], result: null };

  if (body.startsWith('+++ ') && body.endsWith(' +++')) return parseNotice(base, body.slice(4, -4));
  if (body.startsWith('--- ') && body.endsWith(' ---')) {
    const signal = /^(?:stopped by )?(SIG[A-Z0-9]+|SIGRT_\d+)\b/.exec(body.slice(4))?.[1];
    return signal === undefined ? null : { ...base, kind: 'signal', signal };
  }

  const resumed = RESUMED.exec(body);
  if (resumed) {
    let raw = resumed[2]!;
    if (raw.startsWith(UNFINISHED)) raw = raw.slice(UNFINISHED.length);
    const tail = parseCallTail(raw);
    if (!tail) return null;
    return { ...base, ...tail, kind: 'resumed', syscall: resumed[1]!, raw };
  }

  const call = CALL.exec(body);
  if (!call) return null;
  const syscall = call[1]!;
  const rest = body.slice(call[0].length);
  if (rest.endsWith(UNFINISHED)) {
    const raw = rest.slice(0, -UNFINISHED.length);
    return { ...base, kind: 'unfinished', syscall, args: splitTopLevel(raw), raw };
  }
  const changed = PID_CHANGED.exec(rest);
  if (changed) {
    const raw = rest.slice(0, changed.index);
    return { ...base, kind: 'unfinished', syscall, args: splitTopLevel(raw), raw, otherPid: Number(changed[1]) };
  }
  const tail = parseCallTail(rest);
  return tail ? { ...base, ...tail, kind: 'syscall', syscall } : null;
}

/**
 * Reads a last line that has no newline (the tracer was killed while the
 * call was in progress, or its output was cut): kept only as an
 * `unfinished` call whose arguments ended cleanly, never with a result.
 */
export function parseCutLine(line: string): StraceRecord | null {
  const prefix = PREFIX.exec(line);
  const call = prefix ? CALL.exec(prefix[4]!) : null;
  if (!prefix || !call) return null;
  let raw = prefix[4]!.slice(call[0].length);
  for (let k = UNFINISHED.length; k >= 2; k--) {
    if (raw.endsWith(UNFINISHED.slice(0, k))) {
      raw = raw.slice(0, -k);
      break;
    }
  }
  const scan = scanArgs(raw);
  if (scan.end < 0 && !scan.balanced) return null;
  if (scan.end >= 0) raw = raw.slice(0, scan.end);
  const record = parseStraceLine(`${prefix[1]} ${prefix[2]}.${prefix[3]} ${call[1]}(${raw}${UNFINISHED}`);
  return record?.kind === 'unfinished' ? record : null;
}

type Base = Pick<StraceRecord, 'pid' | 'timestampMs' | 'syscall' | 'args' | 'result'>;

function parseNotice(base: Base, inner: string): StraceRecord | null {
  const exited = /^exited with (-?\d+)$/.exec(inner);
  if (exited) return { ...base, kind: 'exit', exitCode: Number(exited[1]) };
  const killed = /^killed by (SIG[A-Z0-9_]+)(?: \(core dumped\))?$/.exec(inner);
  if (killed) return { ...base, kind: 'killed', signal: killed[1]! };
  const superseded = /^superseded by execve in pid (\d+)$/.exec(inner);
  if (superseded) return { ...base, kind: 'superseded', otherPid: Number(superseded[1]) };
  return null;
}
