/** Checks of single flag values (pure), each a usage error naming the flag and what it got. */
import { DynauditError } from '../../common/errors.js';

export function usageError(message: string): DynauditError {
  return new DynauditError('E_USAGE', `${message} (see dynaudit --help)`);
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw usageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** A whole number above 0, or undefined when the flag is absent. */
export function wholeNumber(value: string | undefined, flag: string, what = 'a whole number above 0'): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw usageError(`${flag} must be ${what}, got "${value}"`);
  return number;
}
