/**
 * The execute phase of a batch: each of the project's direct dependencies
 * it analyzes (lockfile-phases.ts) used by an app as `analyze` uses it — one
 * traced run of the consumer, under its supervisor, from the project's
 * caller folder, on the fast clock — after the chunk that imported it. Its
 * events (its dependencies' too, as in `analyze`) are its own, each named
 * with the step that caused it.
 */
import type { TraceEvent } from '../../events/types.js';
import type { ReportPhase } from '../../report/report-model.js';
import type { PhaseRun, StartedSandbox } from '../../sandbox/sandbox.js';
import { TODAY } from '../../sandbox/time-acceleration.js';
import { CALLER_DATA_DIR, consumerCommand } from '../calls/consumer-command.js';
import type { Progress } from '../progress.js';
import { phaseEvents } from '../session/phase-events.js';
import { reportPhase } from '../session/phase-report.js';
import type { ImportItem } from './import-items.js';

export interface ExecuteOutcome {
  readonly run: PhaseRun;
  readonly phase: ReportPhase;
  readonly events: TraceEvent[];
  /** When it ran (traffic the trace did not see is charged by it). */
  readonly window: { readonly startMs: number; readonly endMs: number };
}

/** Runs the execute phase of a direct dependency (installed at the project's top level, where an app requires it from). */
export async function runBatchExecute(sandbox: StartedSandbox, item: ImportItem, timeoutSeconds: number, progress: Progress): Promise<ExecuteOutcome> {
  const run = await sandbox.runPhase({ name: 'execute', command: consumerCommand('execute', item.alias, timeoutSeconds), workingDir: CALLER_DATA_DIR, clock: TODAY });
  progress(`execute phase of ${item.alias} ${run.status} in ${(run.durationMs / 1000).toFixed(1)} s`);
  const { events, calls } = phaseEvents(run, item.alias);
  return { run, phase: reportPhase(run, calls), events, window: { startMs: run.startedAtMs, endMs: run.startedAtMs + run.durationMs } };
}
