/**
 * The one interrupt path of every command that runs sandboxes: the first
 * Ctrl-C (SIGINT) or SIGTERM aborts the run's signal — its sandboxes are
 * removed (TrackedSandbox), finished results stay stored, and the command
 * exits 130 once the pipeline has stopped; a second one exits at once.
 */
import { DynauditError } from '../common/errors.js';
import { EXIT_INTERRUPTED } from './exit-code.js';

export interface Interruptible extends Disposable {
  readonly signal: AbortSignal;
}

export function interruptible(log: (message: string) => void): Interruptible {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    log('interrupted: removing this run\'s sandboxes; finished results stay in the store (Ctrl-C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    [Symbol.dispose]: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * What a run that threw exits with: 130 when it was interrupted (its
 * sandboxes removed first, what finished left in the store), else the error
 * goes on to the CLI's error handling.
 */
export async function exitAfterInterrupt(
  error: unknown,
  signal: AbortSignal,
  sandbox: { disposeAll(): Promise<void>; readonly started: number },
  log: (message: string) => void,
): Promise<number> {
  const interrupted = signal.aborted || (error instanceof DynauditError && error.code === 'E_INTERRUPTED');
  if (!interrupted) throw error;
  await sandbox.disposeAll();
  log(`interrupted; ${sandbox.started} sandbox(es) removed; finished results stay in the store, so the same command continues from them`);
  return EXIT_INTERRUPTED;
}
