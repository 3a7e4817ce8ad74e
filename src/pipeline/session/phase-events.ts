/**
 * Everything a phase showed, as events (pure): the trace's events (not the
 * sandbox clock's own work, clock-work.ts), then the
 * limits the phase ran into (limit-events.ts). The trace is parsed once.
 */
import type { TraceEvent } from '../../events/types.js';
import type { PhaseRun } from '../../sandbox/sandbox.js';
import { PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import { parseStrace, processLifetimes, recordsToEvents, withoutClockWork } from '../../trace/index.js';
import { limitEvents } from './limit-events.js';

export function phaseEvents(run: PhaseRun, packageName: string): TraceEvent[] {
  const rootAttribution =
    run.name === 'install' ? ({ package: null, via: 'package-manager' } as const) : ({ package: packageName, via: 'import' } as const);
  const records = parseStrace(run.trace);
  const events = withoutClockWork(recordsToEvents(records, { phase: run.name, rootAttribution, projectDir: PROJECT_DIR }));
  const fallback = run.name === 'install' ? ({ package: packageName, via: 'lifecycle-script' } as const) : rootAttribution;
  return [...events, ...limitEvents(run, events, { lifetimes: processLifetimes(records), fallback })];
}
