/** A piece of traffic tied to the event that sent it: what exfiltration detection searches. */
import type { Carrier } from '../honeytokens/detect-exfiltration.js';

/** The same shape exfiltration detection searches (one definition, in honeytokens). */
export type TrafficSample = Carrier;

/** `name (address:port)`, or `address:port` when no name is known. */
export function destinationText(endpoint: string, hostname: string | undefined): string {
  return hostname ? `${hostname} (${endpoint})` : endpoint;
}
