/**
 * Ctrl-C (SIGINT) or SIGTERM during `dynaudit analyze`: remove what this
 * process created (by its owner labels), then exit 130; a second signal
 * exits at once. A kill -9 leaves the objects behind for the next run's reaper.
 */
import { currentOwner, procProbe } from '../sandbox/owner.js';
import { reapLeftovers, type ReaperEngine } from '../sandbox/reaper.js';

export const EXIT_INTERRUPTED = 130;

/** Installs the handlers; the returned function removes them. */
export function cleanUpOnInterrupt(engine: ReaperEngine, log: (message: string) => void): () => void {
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    log('interrupted: removing this run\'s sandbox (again to quit at once)');
    reapLeftovers(engine, { mode: 'mine', self: currentOwner(), probe: procProbe, onWarning: log })
      .catch((error: Error) => log(`warning: could not remove this run's sandbox: ${error.message}`))
      .finally(() => process.exit(EXIT_INTERRUPTED));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
