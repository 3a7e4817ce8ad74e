/**
 * Marks file events that opened a file holding a honeytoken (pure), so a
 * policy can tell "read ~/.npmrc" from "read the planted npm token".
 */
import path from 'node:path';
import type { TraceEvent } from '../events/types.js';
import type { HomeFile } from './create-honeytokens.js';

export function markTouchedHoneytokens(events: readonly TraceEvent[], files: readonly HomeFile[], homeDir: string): TraceEvent[] {
  const byPath = new Map<string, string>();
  for (const file of files) {
    const token = file.tokens[0];
    if (token !== undefined) byPath.set(path.posix.join(homeDir, file.path), token);
  }
  return events.map((event) => {
    if (event.kind !== 'file' || event.honeytoken) return event;
    const token = byPath.get(event.path) ?? (event.target ? byPath.get(event.target) : undefined);
    return token === undefined ? event : { ...event, honeytoken: { token, how: 'touched' as const } };
  });
}
