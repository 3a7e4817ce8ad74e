/**
 * Marks programs started with a planted honeytoken on their command line
 * (pure): the secret is on its way somewhere (curl -d, an uploader, a second
 * stage), whatever the process does with it next.
 */
import type { TraceEvent } from '../events/types.js';
import type { Honeytoken } from './create-honeytokens.js';
import { TokenFinder } from './find-tokens.js';

export function markHandedHoneytokens(events: readonly TraceEvent[], tokens: readonly Honeytoken[]): TraceEvent[] {
  if (tokens.length === 0) return [...events];
  const finder = new TokenFinder(tokens);
  return events.map((event) => {
    if (event.kind !== 'process' || event.honeytoken) return event;
    const [match] = finder.find(Buffer.from(event.argv.join(' '), 'utf8'));
    return match === undefined ? event : { ...event, honeytoken: { token: match.token.id, how: 'handed' as const } };
  });
}
