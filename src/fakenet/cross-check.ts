/**
 * The sink's log against the pcap (pure): two independent records of the
 * same traffic. Every connection redirected to the sink should be in both,
 * to the same destination (the sink's SO_ORIGINAL_DST, the pcap's SYN-ACK
 * source), with the bytes the sink kept no more than the pcap saw; every
 * DNS query the pcap shows reaching the sink should be in its log.
 */
import { endpointText } from './ip-text.js';
import type { PcapObservations } from './pcap-observations.js';
import type { SinkLog } from './sink-log.js';

export interface CrossCheck {
  readonly consistent: boolean;
  readonly sinkConnections: number;
  readonly pcapConnections: number;
  readonly sinkDnsQueries: number;
  readonly pcapDnsQueries: number;
  /** One line per disagreement (capped). */
  readonly problems: readonly string[];
}

const MAX_PROBLEMS = 20;

export function crossCheck(sink: SinkLog, pcap: PcapObservations, sinkEndpoint: string, dnsEndpoint: string): CrossCheck {
  const problems: string[] = [];
  const note = (problem: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const flows = new Map(pcap.tcp.filter((flow) => flow.synDestination === sinkEndpoint).map((flow) => [flow.client, flow]));
  const sinkClients = new Set<string>();
  for (const connection of sink.tcp) {
    sinkClients.add(connection.client);
    const destination = endpointText(connection.destination.address, connection.destination.port);
    const flow = flows.get(connection.client);
    if (!flow) note(`connection from ${connection.client} to ${destination} is in the sink log but not in the pcap`);
    else if (flow.answeredAs !== null && flow.answeredAs !== destination) {
      note(`connection from ${connection.client}: the sink saw ${destination}, the pcap ${flow.answeredAs}`);
    } else if (connection.data.length > flow.sentBytes) {
      note(`connection from ${connection.client} to ${destination}: the sink kept ${connection.data.length} bytes, the pcap saw ${flow.sentBytes}`);
    }
  }
  for (const flow of flows.values()) {
    if (!sinkClients.has(flow.client)) note(`connection from ${flow.client} to ${flow.answeredAs ?? 'an unknown destination'} is in the pcap but not in the sink log`);
  }
  const pcapQueries = pcap.dns.filter((message) => !message.response && message.server === dnsEndpoint);
  const sinkQueries = new Set(sink.dns.map((record) => `${record.client}#${record.query.length >= 2 ? record.query.readUInt16BE(0) : -1}`));
  for (const query of pcapQueries) {
    if (!sinkQueries.has(`${query.client}#${query.id}`)) note(`DNS query ${query.type} ${query.name} from ${query.client} is in the pcap but not in the sink log`);
  }
  if (sink.dropped > 0) note(`the sink's log was full: ${sink.dropped} record(s) dropped`);
  if (sink.invalidLines > 0) note(`${sink.invalidLines} line(s) of the sink's log did not parse`);
  return {
    consistent: problems.length === 0,
    sinkConnections: sink.tcp.length,
    pcapConnections: flows.size,
    sinkDnsQueries: sink.dns.length,
    pcapDnsQueries: pcapQueries.length,
    problems,
  };
}
