/**
 * What the trace itself could not show, as events (pure): a line too long to
 * read is a gap a package could hide behind, so it is judged (a `trace`
 * limit event), never dropped in silence.
 */
import type { LimitEvent, PhaseName } from '../events/types.js';
import type { Task } from './process-table.js';
import type { StraceRecord } from './strace-line.js';

const MiB = 1024 * 1024;

export function overlongEvent(record: StraceRecord, phase: PhaseName, task: Task): LimitEvent {
  const size = `${((record.lineLength ?? 0) / MiB).toFixed(1)} MiB`;
  return {
    kind: 'limit',
    limit: 'trace',
    detail: `a ${record.syscall ?? 'trace'} line of ${size} was too long to read; what it did is not known`,
    phase,
    pid: record.pid,
    timestampMs: record.timestampMs,
    attribution: task.process.attribution,
    ok: false,
  };
}

/** An exec whose command line strace could not print whole (an argument cut short, or more arguments than it prints). */
export function cutArgvEvent(record: StraceRecord, phase: PhaseName, task: Task, argc: number): LimitEvent {
  return {
    kind: 'limit',
    limit: 'trace',
    detail: `the command line of an exec (${argc} arguments shown) was too long for the tracer to record whole`,
    phase,
    pid: record.pid,
    timestampMs: record.timestampMs,
    attribution: task.process.attribution,
    ok: false,
  };
}
