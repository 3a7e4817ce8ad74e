/**
 * The import phase of a batch: chunks of packages in dependency order
 * (leaves first), each chunk one traced run of the chunk loader, which
 * imports the packages one after another in one process and marks in the
 * trace where each import starts (see split-chunk-trace.ts), so every
 * module's top-level code runs once, under its own package. Results are
 * handed out chunk by chunk, so an interrupted run keeps what finished. A
 * package a timed-out chunk never started is tried once more in a later
 * chunk. A dependency imported in an earlier chunk (or before a loader
 * restart) runs again in the first package of the chunk that needs it and
 * counts as that package's doing: more blame, never less.
 */
import type { TraceEvent } from '../../events/types.js';
import { chunkLoaderCommand, type ImportItem } from './import-items.js';
import { splitChunkTrace, type ChunkImportTrace } from './split-chunk-trace.js';
import type { ReportPhase } from '../../report/report-model.js';
import type { StartedSandbox } from '../../sandbox/sandbox.js';
import { PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import { parseStrace, recordsToEvents } from '../../trace/index.js';
import { throwIfAborted } from '../interrupt.js';

export interface ImportOutcome {
  readonly phase: ReportPhase;
  readonly events: TraceEvent[];
}

export interface ImportBatchOptions {
  readonly timeoutSeconds: number;
  readonly signal: AbortSignal;
}

/** Packages per loader run: larger re-runs fewer dependencies, smaller loses less to an interrupt. */
export const CHUNK_SIZE = 128;

function outcomeOf(item: ImportItem, trace: ChunkImportTrace): ImportOutcome {
  const events = recordsToEvents(trace.records, {
    phase: 'import',
    rootAttribution: { package: item.alias, via: 'import' },
    projectDir: PROJECT_DIR,
  });
  const status = trace.loaded === true ? 'completed' : trace.loaded === null && trace.killedBy === 'SIGKILL' ? 'timeout' : 'failed';
  const exitCode = trace.loaded === true ? 0 : trace.loaded === false ? 1 : trace.exitCode;
  return { phase: { name: 'import', status, durationMs: Math.round(trace.endMs - trace.startMs), exitCode }, events };
}

function notRun(why: string): ImportOutcome {
  return { phase: { name: 'import', status: 'failed', durationMs: 0, exitCode: null, outputTail: why }, events: [] };
}

/** Items must come in dependency order (see import-order.ts). */
export async function runBatchImports(
  sandbox: StartedSandbox,
  items: readonly ImportItem[],
  options: ImportBatchOptions,
  onOutcome: (item: ImportItem, outcome: ImportOutcome) => void,
): Promise<void> {
  const pending = [...items];
  const retried = new Set<ImportItem>();
  while (pending.length > 0) {
    throwIfAborted(options.signal);
    const chunk = pending.splice(0, CHUNK_SIZE);
    const run = await sandbox.runPhase({
      name: 'import',
      command: chunkLoaderCommand(chunk, options.timeoutSeconds),
      workingDir: PROJECT_DIR,
      timeoutSeconds: options.timeoutSeconds * 3 + chunk.length * 2 + 30,
    });
    throwIfAborted(options.signal);
    const traces = splitChunkTrace(parseStrace(run.trace), chunk.length);
    chunk.forEach((item, index) => {
      const trace = traces.get(index);
      if (trace) onOutcome(item, outcomeOf(item, trace));
      else if (run.status === 'timeout' && !retried.has(item)) {
        retried.add(item);
        pending.push(item);
      } else onOutcome(item, notRun(run.status === 'timeout' ? 'the import chunk timed out before this package was loaded' : 'the loader never reached this package'));
    });
  }
}
