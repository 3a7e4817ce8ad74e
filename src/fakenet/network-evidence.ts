/**
 * What the fake internet saw, merged into the run's traced events (pure).
 * The trace knows who (process, package); the sink and the pcap know what
 * (names answered, bytes received). Observations are paired with traced
 * events by destination and time; one the trace did not see becomes an
 * event of its own, charged to `fallbackAttribution` of its phase and time.
 */
import type { Attribution, DnsEvent, PhaseName, TraceEvent } from '../events/types.js';
import { Claims } from './claim-closest.js';
import { decodeDnsMessage } from './dns-message.js';
import { HostnameMap } from './hostname-map.js';
import { plainAddress } from './ip-text.js';
import { mergeByTime } from './merge-by-time.js';
import type { PcapObservations } from './pcap-observations.js';
import { phaseAt, type PhaseWindow } from './phase-windows.js';
import type { SinkLog } from './sink-log.js';
import { addTcpEvidence } from './tcp-evidence.js';
import type { TrafficSample } from './traffic-sample.js';
import { addUdpEvidence } from './udp-evidence.js';
import { appendAll } from '../common/append-all.js';

export interface NetworkEvidenceInput {
  /** The traced events of every phase. */
  readonly events: readonly TraceEvent[];
  readonly sink: SinkLog;
  readonly pcap: PcapObservations | null;
  readonly phases: readonly PhaseWindow[];
  /** Who is charged with traffic the trace did not see, by the phase and time it happened. */
  readonly fallbackAttribution: (phase: PhaseName, timestampMs: number) => Attribution;
}

export interface NetworkEvidence {
  readonly events: TraceEvent[];
  readonly samples: TrafficSample[];
}

/** A DNS name's labels joined (separating dots dropped), their dig-style `\DDD` escapes undone. */
export function joinedLabels(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.');
  const text = labels.join('').replace(/\\(\d{3})/g, (_, code: string) => String.fromCharCode(Number(code) & 0xff));
  return Buffer.from(text, 'latin1');
}

function addDnsEvidence(input: NetworkEvidenceInput, events: TraceEvent[], hostnames: HostnameMap): void {
  const claims = new Claims<TraceEvent>(events);
  const added: TraceEvent[] = [];
  for (const record of [...input.sink.dns].sort((a, b) => a.timestampMs - b.timestampMs)) {
    const question = decodeDnsMessage(record.query);
    if (!question || question.response) continue;
    if (record.answer) hostnames.add(record.answer, question.name, record.timestampMs);
    const name = question.name.toLowerCase();
    const index = claims.claim(
      record.timestampMs,
      (event) => event.kind === 'dns' && event.name?.toLowerCase() === name && (event.type === null || event.type === question.type),
    );
    const answer = record.answer ? { answer: record.answer } : {};
    if (index !== null) {
      events[index] = { ...(events[index] as DnsEvent), ...answer };
      continue;
    }
    const phase = phaseAt(input.phases, record.timestampMs) ?? 'install';
    added.push({
      kind: 'dns',
      phase,
      pid: 0,
      timestampMs: record.timestampMs,
      attribution: input.fallbackAttribution(phase, record.timestampMs),
      ok: true,
      name: question.name,
      type: question.type,
      server: record.server ? `${record.server.address}` : 'fakenet',
      ...answer,
    });
  }
  // Answers the sink did not log (its log full) still name addresses, from the pcap.
  for (const message of input.pcap?.dns ?? []) {
    for (const address of message.response ? message.answers : []) {
      if (!hostnames.lookup(address, message.timestampMs)) hostnames.add(address, message.name, message.timestampMs);
    }
  }
  appendAll(events, added);
}

function dnsSamples(events: readonly TraceEvent[]): TrafficSample[] {
  const samples: TrafficSample[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    if (event.kind !== 'dns' || !event.name || seen.has(`${event.pid}:${event.name}`)) continue;
    seen.add(`${event.pid}:${event.name}`);
    samples.push({
      event,
      channel: 'dns',
      location: 'DNS query name',
      destination: `DNS lookup of ${event.name.length > 80 ? `${event.name.slice(0, 80)}…` : event.name}`,
      data: joinedLabels(event.name),
      caseInsensitive: true,
    });
  }
  return samples;
}

/** Records the sink dropped (its log full) are connections nobody searched: said, not skipped. */
function droppedRecords(input: NetworkEvidenceInput): TraceEvent[] {
  if (input.sink.dropped === 0) return [];
  const last = input.phases.at(-1);
  const phase = last?.name ?? 'install';
  return [
    {
      kind: 'limit',
      limit: 'capture',
      detail: `the fake internet's log filled up; ${input.sink.dropped} record(s) of what was sent were dropped unsearched`,
      phase,
      pid: 0,
      timestampMs: last?.endMs ?? 0,
      attribution: input.fallbackAttribution(phase, last?.endMs ?? 0),
      ok: false,
    },
  ];
}

export function networkEvidence(input: NetworkEvidenceInput): NetworkEvidence {
  const events = [...input.events, ...droppedRecords(input)];
  const hostnames = new HostnameMap();
  addDnsEvidence(input, events, hostnames);
  events.forEach((event, index) => {
    if (event.kind !== 'connect' || event.hostname) return;
    const hostname = hostnames.lookup(plainAddress(event.address), event.timestampMs);
    if (hostname) events[index] = { ...event, hostname };
  });
  const context = { events, hostnames, phases: input.phases, fallbackAttribution: input.fallbackAttribution };
  const samples = [...addTcpEvidence(input.sink.tcp, context), ...addUdpEvidence(input.pcap?.udp ?? [], context)];
  samples.push(...dnsSamples(events));
  return { events: mergeByTime(events.slice(0, input.events.length), events.slice(input.events.length)), samples };
}
