/**
 * The execute phase of a batch: each of the project's direct dependencies
 * it analyzes (lockfile-phases.ts) used by an app as `analyze` uses it — one
 * traced run of the consumer, under its supervisor, from the project's
 * caller folder, on the fast clock — after the chunk that imported it. The
 * consumer loads the package's dependencies before its first step (the
 * batch imported and judged each under its own name): what happens outside
 * the steps (that, and the consumer's and supervisor's own work) is no
 * package's; what the steps do is the package's, each event naming its step.
 */
import type { TraceEvent } from '../../events/types.js';
import type { ReportPhase } from '../../report/report-model.js';
import type { PhaseRun, StartedSandbox } from '../../sandbox/sandbox.js';
import { TODAY } from '../../sandbox/time-acceleration.js';
import type { Progress } from '../progress.js';
import { phaseEvents } from '../session/phase-events.js';
import { reportPhase } from '../session/phase-report.js';
import { packagePhase } from '../session/run-session.js';
import type { ImportItem } from './import-items.js';

export interface ExecuteOutcome {
  readonly run: PhaseRun;
  readonly phase: ReportPhase;
  /** The package's: what its steps did, and the limits the phase ran into. */
  readonly events: TraceEvent[];
  /** Outside every step: its dependencies loading, the consumer's own work. */
  readonly outsideSteps: TraceEvent[];
  /** When it ran (traffic the trace did not see is charged by it). */
  readonly window: { readonly startMs: number; readonly endMs: number };
}

/** Runs the execute phase of a direct dependency (installed at the project's top level, where an app requires it from). */
export async function runBatchExecute(sandbox: StartedSandbox, item: ImportItem, timeoutSeconds: number, progress: Progress): Promise<ExecuteOutcome> {
  const run = await sandbox.runPhase(packagePhase('execute', item.alias, timeoutSeconds, TODAY));
  progress(`execute phase of ${item.alias} ${run.status} in ${(run.durationMs / 1000).toFixed(1)} s`);
  const { events, calls } = phaseEvents(run, item.alias);
  const inStep = (event: TraceEvent): boolean => event.kind === 'limit' || event.attribution.call !== undefined;
  return {
    run,
    phase: reportPhase(run, calls),
    events: events.filter(inStep),
    outsideSteps: events.filter((event) => !inStep(event)),
    window: { startMs: run.startedAtMs, endMs: run.startedAtMs + run.durationMs },
  };
}
