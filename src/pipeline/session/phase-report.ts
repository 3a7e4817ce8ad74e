/** A phase as a report shows it (pure): status, time, and the tail of its output when it did not complete. */
import type { PhaseCall, ReportPhase } from '../../report/report-model.js';
import type { PhaseRun } from '../../sandbox/sandbox.js';

const OUTPUT_TAIL_LINES = 15;
/** A tail of a flood without newlines stays small too. */
const OUTPUT_TAIL_CHARS = 4000;

/** The last lines a phase printed on stdout and stderr. */
export function outputTail(run: Pick<PhaseRun, 'stdout' | 'stderr'>, lines = OUTPUT_TAIL_LINES): string {
  const tail = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-lines).join('\n');
  return tail.length > OUTPUT_TAIL_CHARS ? `…${tail.slice(-OUTPUT_TAIL_CHARS)}` : tail;
}

/** `calls`: the consumer's steps, for the import and execute phases. */
export function reportPhase(run: PhaseRun, calls?: readonly PhaseCall[]): ReportPhase {
  const tail = outputTail(run);
  return {
    name: run.name,
    status: run.status,
    durationMs: run.durationMs,
    exitCode: run.exitCode,
    ...(run.clock && run.clock.daysAhead > 0 ? { daysAhead: run.clock.daysAhead } : {}),
    ...(run.status === 'completed' || tail === '' ? {} : { outputTail: tail }),
    ...(calls ? { calls } : {}),
  };
}
