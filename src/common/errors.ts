/**
 * Our own failures (never what the analyzed package did) are thrown as a
 * DynauditError with a stable code. Only the CLI maps them to exit codes.
 */
export type ErrorCode =
  | 'E_BAD_SPEC'
  | 'E_PACKAGE_NOT_FOUND'
  | 'E_INTEGRITY'
  | 'E_BAD_TARBALL'
  | 'E_RESOLVE'
  | 'E_DOCKER_UNAVAILABLE'
  | 'E_IMAGE_BUILD'
  | 'E_SANDBOX'
  | 'E_POLICY'
  | 'E_USAGE'
  | 'E_LOCKFILE'
  | 'E_PROJECT'
  | 'E_STORE'
  | 'E_SWEEP'
  | 'E_QUEUE'
  | 'E_INTERRUPTED'
  | 'E_INTERNAL';

export class DynauditError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynauditError';
    this.code = code;
  }
}

export function isDynauditError(error: unknown): error is DynauditError {
  return error instanceof DynauditError;
}

/** The first line of an error's message, for one-line reasons on stderr. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
