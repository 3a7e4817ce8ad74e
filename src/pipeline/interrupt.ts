/** Ctrl-C as a typed error: the run stops, what finished is kept. */
import { DynauditError } from '../common/errors.js';

export function interruptedError(): DynauditError {
  return new DynauditError('E_INTERRUPTED', 'interrupted');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interruptedError();
}
