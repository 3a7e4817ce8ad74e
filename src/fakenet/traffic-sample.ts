/** A piece of traffic tied to the event that sent it: what exfiltration detection searches. */
import type { ExfiltrationEvent, TraceEvent } from '../events/types.js';

export interface TrafficSample {
  readonly event: TraceEvent;
  readonly channel: ExfiltrationEvent['channel'];
  /** Where in the traffic, e.g. `HTTP POST body`. */
  readonly location: string;
  /** As people read it, e.g. `collect.example (198.51.100.129:80)`. */
  readonly destination: string;
  readonly data: Uint8Array;
  /** DNS names: compare case-folded. */
  readonly caseInsensitive?: boolean;
}

/** `name (address:port)`, or `address:port` when no name is known. */
export function destinationText(endpoint: string, hostname: string | undefined): string {
  return hostname ? `${hostname} (${endpoint})` : endpoint;
}
