/**
 * The steps of a consumer run (sandbox-images/node/runner/consumer.cjs) in
 * its trace (pure): each loading, call and bin run, what it was, how it
 * ended, and which step every process and moment belongs to. The consumer
 * opens `/dev/null/dynaudit-call-marker/<start|end>/<index>/<token>/<next>/<what>`
 * from a worker thread around each step; a marker is accepted only from the
 * consumer process (or its threads), in order, with the token the previous
 * one announced, so package code cannot forge one (a forged one stays an
 * event of the step under way). A marker with that token that fits no step
 * (a second end of a step) is still the consumer's: it moves the chain on
 * and changes nothing. What the consumer's threads do after a
 * step's start marker is that step's until the next step starts; a process
 * started meanwhile (and everything it starts) is that step's for good.
 *
 * The execute phase runs the consumer under its supervisor
 * (consumer-command.ts), which starts it again when it dies mid-step. The
 * supervisor is dynaudit's own: its records leave the trace. A consumer it
 * starts again begins a new token chain; it is accepted only when it resumes
 * right after the last step started (its arguments name that step's index
 * plus one and that step's plan position, as the step's start marker gave
 * it), and that step, if unfinished, `crashed`. A consumer started with any
 * other resume point is not accepted: its markers stay events (forgeries).
 */
import { APP_ENTRY } from '../../sandbox/sandbox-layout.js';
import { SUPERVISOR_SCRIPT } from './consumer-command.js';
import { cStringText } from '../../trace/c-string.js';
import { decodeArgv } from '../../trace/exec-calls.js';
import type { StraceRecord } from '../../trace/strace-line.js';
import { CALL_STEPS } from '../../events/types.js';
import type { CallOutcome, PhaseCall } from '../../report/report-model.js';

const CALL_MARKER_DIR = '/dev/null/dynaudit-call-marker/';

const OUTCOMES: readonly CallOutcome[] = ['returned', 'threw', 'timeout'];
const CLONES = new Set(['clone', 'clone3', 'fork', 'vfork']);

interface CallMarker {
  readonly kind: 'start' | 'end';
  readonly index: number;
  readonly token: string;
  readonly next: string;
  readonly what: Record<string, unknown>;
}

export interface CallTrace {
  readonly calls: PhaseCall[];
  /** The trace without the accepted markers and the supervisor's records (they are dynaudit's own). */
  readonly records: StraceRecord[];
  /** The trace without the accepted markers, the supervisor's records kept (its process is the phase's command, for the lifetimes). */
  readonly processRecords: StraceRecord[];
  /** The step a process was doing at a moment (index into calls); undefined outside any step. */
  callOf(pid: number, timestampMs: number): number | undefined;
}

/**
 * A marker the trace shows opened: failed with ENOTDIR, or cut short (`= ?`)
 * because the process died under it (a native addon's thread aborting it
 * while the worker opened the step's end marker).
 */
function parseCallMarker(record: StraceRecord): CallMarker | null {
  if ((record.syscall !== 'openat' && record.syscall !== 'open') || (record.errno !== 'ENOTDIR' && record.result !== null)) return null;
  const text = cStringText(record.args[record.syscall === 'openat' ? 1 : 0] ?? '');
  if (text === null || !text.startsWith(CALL_MARKER_DIR)) return null;
  const match = /^(start|end)\/(\d{1,6})\/([0-9a-f]{24})\/([0-9a-f]{24})\/([A-Za-z0-9_-]{0,2000})$/.exec(text.slice(CALL_MARKER_DIR.length));
  if (!match) return null;
  let what: unknown;
  try {
    what = JSON.parse(Buffer.from(match[5]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (what === null || typeof what !== 'object' || Array.isArray(what)) return null;
  return { kind: match[1] as CallMarker['kind'], index: Number(match[2]), token: match[3]!, next: match[4]!, what: what as Record<string, unknown> };
}

/** The consumer's command line (`node app.cjs MODE DIR NAME [PHASE_MS LEFT_MS [FROM SKIP]]`), or null. */
function consumerExec(record: StraceRecord): string[] | null {
  if (record.syscall !== 'execve' || record.result !== 0) return null;
  const argv = decodeArgv(record.args[1]);
  return (argv[0] ?? '').endsWith('node') && argv[1] === APP_ENTRY ? argv : null;
}

function isSupervisorExec(record: StraceRecord): boolean {
  if (record.syscall !== 'execve' || record.result !== 0) return false;
  const argv = decodeArgv(record.args[1]);
  return argv[0] === 'bash' && argv[1] === '-c' && argv[2] === SUPERVISOR_SCRIPT;
}

const isThread = (record: StraceRecord): boolean => record.args.some((arg) => /\bCLONE_THREAD\b/.test(arg));
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function startedCall(index: number, what: Record<string, unknown>): PhaseCall | null {
  const step = CALL_STEPS.find((name) => name === what.step);
  if (step === undefined) return null;
  return { index, step, target: text(what.target), argument: text(what.argument), outcome: 'unfinished', durationMs: 0 };
}

const planOf = (what: Record<string, unknown>): number | undefined => (typeof what.plan === 'number' ? what.plan : undefined);

/**
 * A consumer started again resumes right after the last step started: its
 * index plus one, past the plan positions of every step that ended a
 * consumer so far (`ended`) and then the last one.
 */
function resumesAfter(argv: readonly string[], next: number, ended: readonly number[], lastPlan: number | undefined): boolean {
  return argv.length === 9 && next > 0 && argv[7] === String(next) && lastPlan !== undefined && argv[8] === [...ended, lastPlan].join(',');
}

export function splitCallTrace(records: readonly StraceRecord[]): CallTrace {
  let consumer = new Set<number>();
  /** Every accepted consumer's process and threads, the first and each started again: what they did is the step under way then. */
  const consumers = new Set<number>();
  const owner = new Map<number, number>();
  const calls: PhaseCall[] = [];
  const starts: number[] = [];
  let kept: StraceRecord[] = [];
  let programRun = false;
  const processRecords: StraceRecord[] = [];
  let supervisor: number | null = null;
  /** Processes the supervisor started (consumers, first and again). */
  const launched = new Set<number>();
  const started = new Set<number>();
  let lastPlan: number | undefined;
  /** Plan positions of the steps under way when an accepted consumer was started again. */
  const ended: number[] = [];
  let expected: string | null = null;
  let current: number | null = null;
  for (const record of records) {
    // The supervisor is the phase's first program (its PATH search's failed attempts before it are its own too).
    if (supervisor === null && !programRun && isSupervisorExec(record)) {
      supervisor = record.pid;
      kept = kept.filter((earlier) => earlier.pid !== supervisor);
    }
    if (record.syscall === 'execve' && record.result === 0) programRun = true;
    // The supervisor, and a process it started until that runs the consumer (it opens fd 3 for it first).
    if (record.pid === supervisor || (launched.has(record.pid) && !started.has(record.pid) && consumerExec(record) === null)) {
      processRecords.push(record);
      if (record.syscall !== null && CLONES.has(record.syscall) && record.result !== null && record.result > 0) launched.add(record.result);
      continue;
    }
    const argv = consumerExec(record);
    if (argv !== null && launched.has(record.pid)) started.add(record.pid);
    if (argv !== null && (supervisor === null ? consumer.size === 0 && owner.size === 0 : launched.has(record.pid))) {
      const first = consumer.size === 0;
      if (first ? argv.length <= 7 : resumesAfter(argv, calls.length, ended, lastPlan)) {
        if (!first) ended.push(lastPlan!);
        // A consumer started again: the step under way when the last one died crashed.
        if (current !== null && calls[current]!.outcome === 'unfinished') {
          calls[current] = { ...calls[current]!, outcome: 'crashed', durationMs: Math.round(record.timestampMs - starts[current]!) };
        }
        consumer = new Set([record.pid]);
        consumers.add(record.pid);
        expected = null;
        current = null;
      }
    }
    const marker = consumer.has(record.pid) && (record.result === -1 || record.result === null) ? parseCallMarker(record) : null;
    const chained = marker !== null && marker.token === expected;
    const fits = marker !== null && (marker.kind === 'start' ? marker.index === calls.length : marker.index === current && calls[marker.index]!.outcome === 'unfinished');
    // A marker cut short by the process's death never took effect: the step under way crashed.
    const accepted = fits && (chained || expected === null) && record.result === -1;
    // A marker with the chain's secret token is the consumer's own even when it fits no step (a second end of a step,
    // one cut short by the process's death): it moves the chain on and changes nothing else.
    if (chained && !accepted) {
      expected = marker.next;
      continue;
    }
    if (accepted && marker.kind === 'start') {
      const call = startedCall(marker.index, marker.what);
      if (call !== null) {
        calls.push(call);
        starts.push(record.timestampMs);
        current = marker.index;
        expected = marker.next;
        lastPlan = planOf(marker.what);
        continue;
      }
    } else if (accepted) {
      const outcome = OUTCOMES.find((name) => name === marker.what.outcome) ?? 'threw';
      const detail = text(marker.what.detail);
      const started = calls[marker.index]!;
      calls[marker.index] = { ...started, outcome, ...(detail ? { detail } : {}), durationMs: Math.round(record.timestampMs - starts[marker.index]!) };
      expected = marker.next;
      continue;
    }
    kept.push(record);
    processRecords.push(record);
    if (record.syscall !== null && CLONES.has(record.syscall) && record.result !== null && record.result > 0) {
      if (consumer.has(record.pid) && isThread(record)) {
        consumer.add(record.result);
        consumers.add(record.result);
      } else if (owner.has(record.pid)) owner.set(record.result, owner.get(record.pid)!);
      else if (consumer.has(record.pid) && current !== null) owner.set(record.result, current);
    }
  }
  /** The last step started at or before the moment (starts are in order). */
  const consumerCall = (timestampMs: number): number | undefined => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle]! <= timestampMs) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? undefined : low - 1;
  };
  return { calls, records: kept, processRecords, callOf: (pid, timestampMs) => owner.get(pid) ?? (consumers.has(pid) ? consumerCall(timestampMs) : undefined) };
}
