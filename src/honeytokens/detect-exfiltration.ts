/**
 * Exfiltration (pure): a honeytoken, or a part of one, found in anything a
 * process sent out, alone or joined with the other pieces it sent to the
 * same place (join-carriers.ts). Each carrier is a piece of traffic tied to
 * the event that sent it; each token found in it becomes an ExfiltrationEvent
 * with that event's phase, process and attribution. A carrier only partly
 * searched (the fake internet kept less than was sent, or decoding ran out of
 * budget) becomes a `capture` limit event: never a silent miss.
 */
import type { ExfiltrationEvent, LimitEvent, TraceEvent } from '../events/types.js';
import type { Honeytoken } from './create-honeytokens.js';
import { TokenFinder } from './find-tokens.js';
import { joinedCarriers } from './join-carriers.js';

export interface Carrier {
  /** The event the bytes belong to (a connect, http, tls or dns event). */
  readonly event: TraceEvent;
  readonly channel: ExfiltrationEvent['channel'];
  /** Where in the traffic, e.g. `HTTP POST body`. */
  readonly location: string;
  /** As people read it, e.g. `collect.example (198.51.100.129:80)`. */
  readonly destination: string;
  readonly data: Uint8Array;
  /** How many bytes were sent in all, when more than `data` holds (the capture kept only the start). */
  readonly sentBytes?: number;
  /** Compare case-folded (DNS names: resolvers may change the case of letters). */
  readonly caseInsensitive?: boolean;
}

const MiB = 1024 * 1024;

function captureLimit(carrier: Carrier, why: string): LimitEvent {
  const { event } = carrier;
  return {
    kind: 'limit',
    limit: 'capture',
    detail: `${carrier.location} to ${carrier.destination}: ${why}`,
    phase: event.phase,
    pid: event.pid,
    timestampMs: event.timestampMs,
    attribution: event.attribution,
    ok: false,
  };
}

export function detectExfiltration(carriers: readonly Carrier[], tokens: readonly Honeytoken[]): (ExfiltrationEvent | LimitEvent)[] {
  const events: (ExfiltrationEvent | LimitEvent)[] = [];
  for (const carrier of carriers) {
    if (carrier.sentBytes !== undefined && carrier.sentBytes > carrier.data.length) {
      events.push(captureLimit(carrier, `${(carrier.sentBytes / MiB).toFixed(1)} MiB sent, only the first ${(carrier.data.length / MiB).toFixed(1)} MiB kept and searched`));
    }
  }
  if (tokens.length === 0) return events;
  const finder = new TokenFinder(tokens);
  // One event per token, process and destination: the first piece of traffic that carried it (the HTTP body
  // before the whole stream, single messages before joined ones).
  const seen = new Set<string>();
  const search = (carrier: Carrier): void => {
    if (carrier.data.length === 0) return;
    const { matches, incomplete } = finder.search(carrier.data, { caseInsensitive: carrier.caseInsensitive === true });
    if (incomplete) events.push(captureLimit(carrier, 'too much to decode and unpack; the rest was not searched'));
    for (const match of matches) {
      const { event } = carrier;
      const key = JSON.stringify([match.token.id, event.phase, event.pid, carrier.destination]);
      if (seen.has(key)) continue;
      seen.add(key);
      const { hostname } = event as { hostname?: unknown };
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
        ...(typeof hostname === 'string' ? { hostname } : {}),
        encoding: match.encoding,
        matchedChars: match.matchedChars,
        tokenChars: match.token.value.length,
      });
    }
  };
  for (const carrier of carriers) search(carrier);
  for (const joined of joinedCarriers(carriers)) {
    // A token one piece already carried is reported there, not again.
    const partKeys = joined.parts.map((part) => [part.event.phase, part.event.pid, part.destination]);
    for (const token of tokens) {
      if (partKeys.some(([phase, pid, destination]) => seen.has(JSON.stringify([token.id, phase, pid, destination])))) {
        seen.add(JSON.stringify([token.id, joined.event.phase, joined.event.pid, joined.destination]));
      }
    }
    search(joined);
  }
  return events;
}
