/**
 * The import phase of a batch: chunks of packages in dependency order
 * (leaves first), each chunk one traced run of the chunk loader, which
 * imports the packages one after another in one process and marks in the
 * trace where each import starts (see split-chunk-trace.ts), so every
 * module's top-level code runs once, under its own package. Results are
 * handed out chunk by chunk, so an interrupted run keeps what finished. A
 * package a chunk never reached is tried once more in a later chunk, then
 * reported as not run (never as a clean import). A dependency imported in
 * an earlier chunk (or before a loader restart) runs again in the first
 * package of the chunk that needs it and counts as that package's doing:
 * more blame, never less. The limits a chunk ran into (memory, processes,
 * disk, output) are charged to the package whose import was under way.
 * After a chunk's loader ran, the packages it loaded are loaded again with
 * the clock days ahead (DAYS_AHEAD), as `analyze` does (sessionPhases):
 * one more traced loader run per date, whose outcomes are the `dated` ones.
 */
import type { Attribution, LimitEvent, TraceEvent } from '../../events/types.js';
import type { ReportPhase } from '../../report/report-model.js';
import type { PhaseRun, StartedSandbox } from '../../sandbox/sandbox.js';
import { PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import { acceleratedSeconds, DAYS_AHEAD, OBSERVATION_WINDOW_SECONDS, realSeconds, TODAY, type PhaseClock } from '../../sandbox/time-acceleration.js';
import { parseStrace, processLifetimes, recordsToEvents, withoutClockWork } from '../../trace/index.js';
import { throwIfAborted } from '../interrupt.js';
import { limitEvents } from '../session/limit-events.js';
import { chunkLoaderCommand, type ImportItem } from './import-items.js';
import { splitChunkTrace, type ChunkImportTrace } from './split-chunk-trace.js';

export interface ImportOutcome {
  readonly phase: ReportPhase;
  readonly events: TraceEvent[];
  /** When its import ran (the window traffic the trace did not see is charged by); absent when it never ran. */
  readonly window?: { readonly startMs: number; readonly endMs: number };
  /** The loader process it was imported in. */
  readonly loaderPid?: number;
  /** The same import with the clock days ahead (DAYS_AHEAD, in order), when it ran today. */
  readonly dated?: readonly ImportOutcome[];
}

export interface ImportBatchOptions {
  readonly timeoutSeconds: number;
  readonly signal: AbortSignal;
  /** Packages per loader run: larger re-runs fewer dependencies, smaller loses less to an interrupt. */
  readonly chunkSize: number;
}

/** The outcomes of one chunk, with the runs they came from (today's, then the dated ones). */
export type ChunkHandler = (outcomes: ReadonlyMap<ImportItem, ImportOutcome>, runs: readonly PhaseRun[]) => Promise<void>;

export const DEFAULT_CHUNK_SIZE = 128;

/** The supervisor kills a loader with SIGKILL at the time limit; a SIGKILL before it came from elsewhere (the package, the OOM killer). */
const TIMEOUT_SLACK_MS = 500;

/** The phase of a loading, with how many days ahead its clock started when it did (as analyze reports its dated loadings). */
const importPhase = (daysAhead: number) => ({ name: 'import' as const, ...(daysAhead > 0 ? { daysAhead } : {}) });

function outcomeOf(item: ImportItem, trace: ChunkImportTrace, timeoutSeconds: number, daysAhead = 0): ImportOutcome {
  // A main that is one of its bins ran that CLI: its records are judged as a bin run, as analyze's consumer reports them.
  const attribution: Attribution = { package: item.alias, via: 'import', ...(trace.runsBin ? { step: 'bin' as const } : {}) };
  const events: TraceEvent[] = withoutClockWork(recordsToEvents(trace.records, { phase: 'import', rootAttribution: attribution, projectDir: PROJECT_DIR }));
  const durationMs = Math.round(trace.endMs - trace.startMs);
  const timedOut = trace.loaded === null && trace.killedBy === 'SIGKILL' && durationMs >= timeoutSeconds * 1000 - TIMEOUT_SLACK_MS;
  const status = trace.loaded === true ? 'completed' : timedOut ? 'timeout' : 'failed';
  const exitCode = trace.loaded === true ? 0 : trace.loaded === false ? 1 : trace.exitCode;
  if (status === 'timeout') {
    const detail = `still running after ${(durationMs / 1000).toFixed(1)} s, then killed`;
    events.push({ kind: 'limit', limit: 'time', detail, phase: 'import', pid: 0, timestampMs: trace.endMs, attribution, ok: false } satisfies LimitEvent);
  }
  return { phase: { ...importPhase(daysAhead), status, durationMs, exitCode }, events, window: { startMs: trace.startMs, endMs: trace.endMs }, loaderPid: trace.loaderPid };
}

function notRun(why: string, daysAhead = 0): ImportOutcome {
  return { phase: { ...importPhase(daysAhead), status: 'failed', durationMs: 0, exitCode: null, outputTail: why }, events: [] };
}

/**
 * What one loader run over `chunk` tells (the trace parsed once): the
 * outcome of each package it reached, in chunk order, with the chunk's own
 * limits (not its time limit: each package's import has its own) charged
 * to the last one, the import under way.
 */
function readChunkRun(run: PhaseRun, chunk: readonly ImportItem[], timeoutSeconds: number, daysAhead: number): Map<ImportItem, ImportOutcome> {
  const records = parseStrace(run.trace);
  const traces = splitChunkTrace(records, chunk.length);
  const reached = new Map<ImportItem, ImportOutcome>();
  chunk.forEach((item, index) => {
    const trace = traces.get(index);
    if (trace) reached.set(item, outcomeOf(item, trace, timeoutSeconds, daysAhead));
  });
  const last = [...reached.keys()].at(-1);
  if (last === undefined) return reached;
  const events = [...reached.values()].flatMap((outcome) => outcome.events);
  const fallback: Attribution = { package: last.alias, via: 'import' };
  const limits = limitEvents({ ...run, status: run.status === 'timeout' ? 'failed' : run.status }, events, {
    lifetimes: processLifetimes(records),
    fallback,
  }).filter((event) => event.limit !== 'detached');
  reached.get(last)!.events.push(...limits);
  return reached;
}

/** One traced run of the chunk loader over `chunk`, on `clock`. */
function runChunk(sandbox: StartedSandbox, chunk: readonly ImportItem[], timeoutSeconds: number, clock: PhaseClock): Promise<PhaseRun> {
  return sandbox.runPhase({
    name: 'import',
    // The supervisor's time limit is on its own (fast) clock; each package may also take its observation window.
    command: chunkLoaderCommand(chunk, acceleratedSeconds(timeoutSeconds)),
    workingDir: PROJECT_DIR,
    timeoutSeconds: timeoutSeconds * 3 + chunk.length * (2 + realSeconds(OBSERVATION_WINDOW_SECONDS)) + 30,
    clock,
  });
}

/** The loaded packages of a chunk loaded again with the clock each of DAYS_AHEAD ahead: their dated outcomes, and the runs. */
async function runDated(sandbox: StartedSandbox, loaded: readonly ImportItem[], options: ImportBatchOptions): Promise<{ dated: Map<ImportItem, ImportOutcome[]>; runs: PhaseRun[] }> {
  const dated = new Map<ImportItem, ImportOutcome[]>(loaded.map((item) => [item, []]));
  const runs: PhaseRun[] = [];
  for (const daysAhead of loaded.length > 0 ? DAYS_AHEAD : []) {
    throwIfAborted(options.signal);
    const run = await runChunk(sandbox, loaded, options.timeoutSeconds, { daysAhead });
    const reached = readChunkRun(run, loaded, options.timeoutSeconds, daysAhead);
    for (const item of loaded) {
      dated.get(item)!.push(reached.get(item) ?? notRun(`the loader never reached this package with the clock ${daysAhead} days ahead`, daysAhead));
    }
    runs.push(run);
  }
  return { dated, runs };
}

/** Items must come in dependency order (see import-order.ts). */
export async function runBatchImports(
  sandbox: StartedSandbox,
  items: readonly ImportItem[],
  options: ImportBatchOptions,
  onChunk: ChunkHandler,
): Promise<void> {
  const pending = [...items];
  const retried = new Set<ImportItem>();
  while (pending.length > 0) {
    throwIfAborted(options.signal);
    const chunk = pending.splice(0, options.chunkSize);
    const run = await runChunk(sandbox, chunk, options.timeoutSeconds, TODAY);
    throwIfAborted(options.signal);
    const reached = readChunkRun(run, chunk, options.timeoutSeconds, 0);
    const outcomes = new Map<ImportItem, ImportOutcome>();
    for (const item of chunk) {
      const outcome = reached.get(item);
      if (outcome) {
        outcomes.set(item, outcome);
      } else if (!retried.has(item)) {
        retried.add(item);
        pending.push(item);
      } else {
        outcomes.set(item, notRun(run.status === 'timeout' ? 'the import chunk timed out before this package was loaded' : 'the loader never reached this package'));
      }
    }
    const loaded = [...reached.keys()];
    const dated = await runDated(sandbox, loaded, options);
    for (const item of loaded) outcomes.set(item, { ...outcomes.get(item)!, dated: dated.dated.get(item)! });
    throwIfAborted(options.signal);
    await onChunk(outcomes, [run, ...dated.runs]);
  }
}
