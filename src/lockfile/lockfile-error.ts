/** A lockfile we cannot read is the user's input problem: E_LOCKFILE naming the file and what is wrong (exit 2). */
import { DynauditError } from '../common/errors.js';

export function lockfileError(file: string, problem: string, cause?: unknown): DynauditError {
  return new DynauditError('E_LOCKFILE', `cannot read lockfile ${file}: ${problem}`, cause === undefined ? undefined : { cause });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOr(value: unknown, fallback: string | null = null): string | null {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}
