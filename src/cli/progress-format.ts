/** Progress of a lockfile run as text (pure): a bar for a terminal, a plain line otherwise. */
export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  readonly errors: number;
  readonly cached: number;
  readonly elapsedMs: number;
}

/** Seconds left at the pace of the packages analyzed so far (stored ones cost nothing); null before any. */
export function etaSeconds(state: ProgressState): number | null {
  const analyzed = state.done - state.cached;
  const left = state.total - state.done;
  if (left <= 0) return 0;
  if (analyzed <= 0) return null;
  return Math.round((state.elapsedMs / analyzed) * left / 1000);
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '--:--';
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const mm = String(minutes % 60).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

function counts(state: ProgressState): string {
  return `${state.done}/${state.total}, ${state.failed} failed, ${state.errors} error(s), ${state.cached} from the store`;
}

export function formatBar(state: ProgressState, width: number): string {
  const text = ` ${counts(state)}  ETA ${formatDuration(etaSeconds(state))}`;
  const barWidth = Math.max(10, Math.min(40, width - text.length - 3));
  const filled = state.total === 0 ? barWidth : Math.round((state.done / state.total) * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${text}`;
}

export function formatLine(state: ProgressState): string {
  const percent = state.total === 0 ? 100 : Math.floor((state.done / state.total) * 100);
  return `progress: ${counts(state)} (${percent}%), elapsed ${formatDuration(Math.round(state.elapsedMs / 1000))}, ETA ${formatDuration(etaSeconds(state))}`;
}
