/**
 * package.json as text (pure): parsed with its indentation, line ending and
 * final newline noted, so it is written back the way it was (npm keeps them
 * the same way); and where a nested key sits, for SARIF locations.
 */
import { DynauditError } from '../common/errors.js';

export interface JsonText {
  readonly value: Record<string, unknown>;
  readonly indent: string;
  readonly newline: string;
  readonly finalNewline: boolean;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonText(text: string, file: string): JsonText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DynauditError('E_PROJECT', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (!isRecord(value)) throw new DynauditError('E_PROJECT', `cannot read ${file}: not a JSON object`);
  return {
    value,
    indent: /^\{\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ',
    newline: text.includes('\r\n') ? '\r\n' : '\n',
    finalNewline: /\n$/.test(text),
  };
}

export function formatJsonText(value: Record<string, unknown>, like: JsonText): string {
  const body = JSON.stringify(value, null, like.indent).replace(/\n/g, like.newline);
  return like.finalNewline ? `${body}${like.newline}` : body;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 1-based line of `"key":` under the object at `parents` (found one after another down the text), or null. */
export function jsonKeyLine(text: string, parents: readonly string[], key: string): number | null {
  const lines = text.split('\n');
  let from = 0;
  for (const name of [...parents, key]) {
    const pattern = new RegExp(`"${escapeRegExp(JSON.stringify(name).slice(1, -1))}"\\s*:`);
    const index = lines.findIndex((line, at) => at >= from && pattern.test(line));
    if (index === -1) return null;
    from = index;
  }
  return from + 1;
}
