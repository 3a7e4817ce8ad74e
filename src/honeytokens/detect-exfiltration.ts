/**
 * Exfiltration (pure): a honeytoken, or a part of one, found in anything a
 * process sent out. Each carrier is a piece of traffic tied to the event
 * that sent it; each token found in it becomes an ExfiltrationEvent with
 * that event's phase, process and attribution.
 */
import type { ExfiltrationEvent, TraceEvent } from '../events/types.js';
import type { Honeytoken } from './create-honeytokens.js';
import { TokenFinder } from './find-tokens.js';

export interface Carrier {
  /** The event the bytes belong to (a connect, http, tls or dns event). */
  readonly event: TraceEvent;
  readonly channel: ExfiltrationEvent['channel'];
  /** Where in the traffic, e.g. `HTTP POST body`. */
  readonly location: string;
  /** As people read it, e.g. `collect.example (198.51.100.129:80)`. */
  readonly destination: string;
  readonly data: Uint8Array;
  /** Compare case-folded (DNS names: resolvers may change the case of letters). */
  readonly caseInsensitive?: boolean;
}

export function detectExfiltration(carriers: readonly Carrier[], tokens: readonly Honeytoken[]): ExfiltrationEvent[] {
  if (tokens.length === 0) return [];
  const finder = new TokenFinder(tokens);
  const events: ExfiltrationEvent[] = [];
  const seen = new Set<string>();
  for (const carrier of carriers) {
    if (carrier.data.length === 0) continue;
    for (const match of finder.find(carrier.data, { caseInsensitive: carrier.caseInsensitive === true })) {
      const { event } = carrier;
      const key = JSON.stringify([match.token.id, event.phase, event.pid, carrier.location, carrier.destination, match.encoding]);
      if (seen.has(key)) continue;
      seen.add(key);
      events.push({
        kind: 'exfiltration',
        phase: event.phase,
        pid: event.pid,
        timestampMs: event.timestampMs,
        attribution: event.attribution,
        ok: true,
        honeytoken: { token: match.token.id, how: 'sent' },
        tokenLabel: match.token.label,
        channel: carrier.channel,
        location: carrier.location,
        destination: carrier.destination,
        encoding: match.encoding,
        matchedChars: match.matchedChars,
        tokenChars: match.token.value.length,
      });
    }
  }
  return events;
}
