/**
 * The sink's TCP connections as events (pure): each enriches the traced
 * connect it answered (hostname, bytes received), or becomes a connect of
 * its own when the trace has none; HTTP requests and TLS ClientHellos in
 * the received bytes become http and tls events. Every piece of what was
 * sent becomes a traffic sample for exfiltration detection.
 */
import type { Attribution, ConnectEvent, PhaseName, TraceEvent } from '../events/types.js';
import { Claims } from './claim-closest.js';
import type { HostnameMap } from './hostname-map.js';
import { parseHttpRequest } from './http-request.js';
import { endpointText, plainAddress } from './ip-text.js';
import { phaseAt, type PhaseWindow } from './phase-windows.js';
import { printableBytes } from './printable-bytes.js';
import type { SinkConnection } from './sink-log.js';
import { parseClientHello } from './tls-client-hello.js';
import { destinationText, type TrafficSample } from './traffic-sample.js';
import { appendAll } from '../common/append-all.js';

const EXCERPT_BYTES = 512;

export interface TcpContext {
  /** Every event of the run; enriched connects replace their originals in place. */
  readonly events: TraceEvent[];
  readonly hostnames: HostnameMap;
  readonly phases: readonly PhaseWindow[];
  /** Who is charged with traffic the trace did not see, by the phase and time it happened. */
  readonly fallbackAttribution: (phase: PhaseName, timestampMs: number) => Attribution;
}

function connectFor(connection: SinkConnection, context: TcpContext, claims: Claims<TraceEvent>): { event: ConnectEvent; index: number | null } {
  const { address, port } = connection.destination;
  const hostname = context.hostnames.lookup(address, connection.timestampMs);
  const received = { bytes: connection.bytes, firstBytes: printableBytes(connection.data) };
  const index = claims.claim(
    connection.timestampMs,
    (event) => event.kind === 'connect' && event.protocol !== 'udp' && plainAddress(event.address) === address && event.port === port,
  );
  const traced = index === null ? null : (context.events[index] as ConnectEvent);
  if (traced) return { index, event: { ...traced, ...(hostname ? { hostname } : {}), received } };
  const phase = phaseAt(context.phases, connection.timestampMs) ?? 'install';
  return {
    index: null,
    event: {
      kind: 'connect',
      phase,
      pid: 0,
      timestampMs: connection.timestampMs,
      attribution: context.fallbackAttribution(phase, connection.timestampMs),
      ok: true,
      family: 'inet',
      address,
      port,
      protocol: 'tcp',
      ...(hostname ? { hostname } : {}),
      received,
    },
  };
}

function protocolEvidence(connection: SinkConnection, connect: ConnectEvent, destination: string): { events: TraceEvent[]; samples: TrafficSample[] } {
  const base = {
    phase: connect.phase,
    pid: connect.pid,
    timestampMs: connection.firstDataMs ?? connection.timestampMs,
    attribution: connect.attribution,
    ok: true,
    address: connect.address,
    port: connect.port,
    ...(connect.hostname ? { hostname: connect.hostname } : {}),
  };
  const sample = (channel: TrafficSample['channel'], location: string, data: Uint8Array, event: TraceEvent): TrafficSample => ({
    event,
    channel,
    location,
    destination,
    data,
  });
  // Everything the connection sent, as one piece (a second request on it, bytes after a ClientHello); it alone
  // says when the sink kept less than was sent.
  const stream: TrafficSample = {
    ...sample('tcp', 'TCP stream', connection.data, connect),
    ...(connection.bytes > connection.data.length ? { sentBytes: connection.bytes } : {}),
  };
  const http = parseHttpRequest(connection.data);
  if (http) {
    const event: TraceEvent = {
      ...base,
      kind: 'http',
      method: http.method,
      host: http.host,
      path: http.target,
      bodyBytes: http.body.length,
      bodyExcerpt: printableBytes(http.body, EXCERPT_BYTES),
    };
    const headers = Buffer.from(http.headers.map((header) => `${header.name}: ${header.value}`).join('\n'), 'latin1');
    return {
      events: [event],
      samples: [
        sample('http', 'HTTP request target', Buffer.from(http.target, 'latin1'), event),
        sample('http', 'HTTP headers', headers, event),
        sample('http', `HTTP ${http.method} body`, http.body, event),
        stream,
      ],
    };
  }
  const hello = parseClientHello(connection.data);
  if (hello) {
    const event: TraceEvent = { ...base, kind: 'tls', sni: hello.sni, alpn: hello.alpn };
    return {
      events: [event],
      samples: [
        sample('tls', 'TLS server name', Buffer.from(hello.sni ?? '', 'latin1'), event),
        { ...stream, channel: 'tls', location: 'TLS ClientHello and what followed' },
      ],
    };
  }
  return { events: [], samples: [stream] };
}

/** Adds the sink's connections to `context.events`; returns the traffic samples. */
export function addTcpEvidence(connections: readonly SinkConnection[], context: TcpContext): TrafficSample[] {
  const claims = new Claims<TraceEvent>(context.events);
  const samples: TrafficSample[] = [];
  const added: TraceEvent[] = [];
  for (const connection of [...connections].sort((a, b) => a.timestampMs - b.timestampMs)) {
    const { event, index } = connectFor(connection, context, claims);
    if (index === null) added.push(event);
    else context.events[index] = event;
    const endpoint = endpointText(connection.destination.address, connection.destination.port);
    const evidence = protocolEvidence(connection, event, destinationText(endpoint, event.hostname));
    appendAll(added, evidence.events);
    appendAll(samples, evidence.samples);
  }
  appendAll(context.events, added);
  return samples;
}
