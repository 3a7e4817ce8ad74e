/**
 * Everything a phase showed, as events (pure): the trace's events (not the
 * sandbox clock's own work, clock-work.ts), then the
 * limits the phase ran into (limit-events.ts). The trace is parsed once.
 * The import and execute phases run the consumer, whose steps (loadings,
 * calls, bin runs) the trace marks: their events name the step they belong
 * to (attribution.call) and the phase lists the steps.
 */
import type { Attribution, TraceEvent } from '../../events/types.js';
import type { PhaseCall } from '../../report/report-model.js';
import type { PhaseRun } from '../../sandbox/sandbox.js';
import { PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import { parseStrace, processLifetimes, recordsToEvents, withoutClockWork } from '../../trace/index.js';
import { splitCallTrace } from '../calls/split-call-trace.js';
import { limitEvents } from './limit-events.js';

export interface PhaseEvents {
  readonly events: TraceEvent[];
  /** The consumer's steps (import and execute phases). */
  readonly calls?: PhaseCall[];
}

export function phaseEvents(run: PhaseRun, packageName: string): PhaseEvents {
  const parsed = parseStrace(run.trace);
  if (run.name === 'install') {
    const events = withoutClockWork(recordsToEvents(parsed, { phase: run.name, rootAttribution: { package: null, via: 'package-manager' }, projectDir: PROJECT_DIR }));
    const fallback = { package: packageName, via: 'lifecycle-script' } as const;
    return { events: [...events, ...limitEvents(run, events, { lifetimes: processLifetimes(parsed), fallback })] };
  }
  const rootAttribution: Attribution = { package: packageName, via: 'import' };
  const split = splitCallTrace(parsed);
  const events = withoutClockWork(recordsToEvents(split.records, { phase: run.name, rootAttribution, projectDir: PROJECT_DIR }));
  const limits = limitEvents(run, events, { lifetimes: processLifetimes(split.processRecords), fallback: rootAttribution });
  // A loading days ahead repeats today's steps: its events keep the kind of their step (a main that is a bin runs that bin
  // on any date), but are not charged to steps a report already lists for today.
  const dated = (run.clock?.daysAhead ?? 0) > 0;
  const traced = events.map((event): TraceEvent => {
    const call = split.callOf(event.pid, event.timestampMs);
    if (call === undefined) return event;
    const { step, argument } = split.calls[call]!;
    return { ...event, attribution: { ...event.attribution, ...(dated ? {} : { call }), step, argument } };
  });
  return { events: [...traced, ...limits], ...(dated ? {} : { calls: split.calls }) };
}
