/**
 * What the pcap shows (pure): TCP connections with the bytes the client
 * sent, UDP datagrams, and DNS messages. The capture is taken after the nat
 * OUTPUT redirects, so a redirected connection's SYN goes to the sink's
 * port; its original destination shows as the source of the SYN-ACK (the
 * kernel un-NATs replies), which is how the pcap cross-checks the sink.
 */
import { decodePacket, type DecodedPacket } from './decode-packet.js';
import { decodeDnsMessage, type DnsMessage } from './dns-message.js';
import { endpointText } from './ip-text.js';
import type { PcapCapture } from './read-pcap.js';

interface PcapTcpConnection {
  readonly timestampMs: number;
  /** `address:port` of the side that sent the SYN. */
  readonly client: string;
  /** Where the SYN went (after the redirect). */
  readonly synDestination: string;
  /** The SYN-ACK's source: the destination the client asked for; null without a SYN-ACK. */
  readonly answeredAs: string | null;
  /** Bytes the client sent, in sequence order, capped. */
  readonly sent: Buffer;
  readonly sentBytes: number;
}

export interface PcapDatagram {
  readonly timestampMs: number;
  readonly source: string;
  readonly destination: string;
  readonly destinationAddress: string;
  readonly destinationPort: number;
  readonly payload: Buffer;
}

interface PcapDnsMessage extends DnsMessage {
  readonly timestampMs: number;
  readonly client: string;
  readonly server: string;
}

export interface PcapObservations {
  readonly tcp: readonly PcapTcpConnection[];
  /** UDP datagrams other than DNS. */
  readonly udp: readonly PcapDatagram[];
  readonly dns: readonly PcapDnsMessage[];
  readonly packets: number;
  readonly undecoded: number;
}

const DNS_PORT = 53;
const DUPLICATE_WINDOW_MS = 5;

interface Flow {
  timestampMs: number;
  client: string;
  synDestination: string;
  answeredAs: string | null;
  readonly segments: Map<number, Buffer>;
  sentBytes: number;
  firstSeq: number;
}

function tcpStep(flows: Map<string, Flow>, packet: DecodedPacket, timestampMs: number, capBytes: number): void {
  const tcp = packet.transport;
  if (tcp.protocol !== 'tcp') return;
  const source = endpointText(packet.src, tcp.srcPort);
  const destination = endpointText(packet.dst, tcp.dstPort);
  if (tcp.syn && !tcp.ack) {
    if (!flows.has(source)) {
      flows.set(source, { timestampMs, client: source, synDestination: destination, answeredAs: null, segments: new Map(), sentBytes: 0, firstSeq: tcp.seq + 1 });
    }
    return;
  }
  const reply = flows.get(destination);
  if (reply) {
    if (tcp.syn && tcp.ack) reply.answeredAs ??= source;
    return;
  }
  const flow = flows.get(source);
  if (!flow || tcp.payload.length === 0 || flow.segments.has(tcp.seq)) return;
  // Retransmissions repeat a sequence number and are counted once; past the cap only the count grows.
  if (flow.sentBytes < capBytes) flow.segments.set(tcp.seq, tcp.payload);
  else flow.segments.set(tcp.seq, Buffer.alloc(0));
  flow.sentBytes += tcp.payload.length;
}

function assemble(flow: Flow, capBytes: number): PcapTcpConnection {
  const ordered = [...flow.segments.entries()].sort(([a], [b]) => ((a - flow.firstSeq) >>> 0) - ((b - flow.firstSeq) >>> 0));
  const parts: Buffer[] = [];
  let kept = 0;
  for (const [, payload] of ordered) {
    if (kept >= capBytes) break;
    const part = payload.subarray(0, capBytes - kept);
    parts.push(part);
    kept += part.length;
  }
  const { timestampMs, client, synDestination, answeredAs, sentBytes } = flow;
  return { timestampMs, client, synDestination, answeredAs, sent: Buffer.concat(parts), sentBytes };
}

function isDuplicate(seen: Map<string, number>, key: string, timestampMs: number): boolean {
  const last = seen.get(key);
  seen.set(key, timestampMs);
  return last !== undefined && Math.abs(timestampMs - last) <= DUPLICATE_WINDOW_MS;
}

export function pcapObservations(capture: PcapCapture, options: { capBytes?: number } = {}): PcapObservations {
  const capBytes = options.capBytes ?? 64 * 1024;
  const flows = new Map<string, Flow>();
  const udp: PcapDatagram[] = [];
  const dns: PcapDnsMessage[] = [];
  const seen = new Map<string, number>();
  let undecoded = 0;
  for (const frame of capture.frames) {
    const packet = capture.linkType === null ? null : decodePacket(capture.linkType, frame.data);
    if (!packet) {
      undecoded += 1;
      continue;
    }
    const layer4 = packet.transport;
    if (layer4.protocol === 'tcp') tcpStep(flows, packet, frame.timestampMs, capBytes);
    if (layer4.protocol === 'other') continue;
    const source = endpointText(packet.src, layer4.srcPort);
    const destination = endpointText(packet.dst, layer4.dstPort);
    const isDns = layer4.dstPort === DNS_PORT || layer4.srcPort === DNS_PORT;
    if (layer4.protocol === 'udp' && isDuplicate(seen, `${source}>${destination}:${layer4.payload.toString('base64')}`, frame.timestampMs)) continue;
    if (isDns && (layer4.protocol === 'udp' || layer4.payload.length > 2)) {
      const message = decodeDnsMessage(layer4.payload, { tcp: layer4.protocol === 'tcp' });
      if (message) {
        const fromServer = layer4.srcPort === DNS_PORT && message.response;
        dns.push({ ...message, timestampMs: frame.timestampMs, client: fromServer ? destination : source, server: fromServer ? source : destination });
      }
    } else if (layer4.protocol === 'udp') {
      udp.push({
        timestampMs: frame.timestampMs,
        source,
        destination,
        destinationAddress: packet.dst,
        destinationPort: layer4.dstPort,
        payload: layer4.payload.subarray(0, capBytes),
      });
    }
  }
  return { tcp: [...flows.values()].map((flow) => assemble(flow, capBytes)), udp, dns, packets: capture.frames.length, undecoded };
}
