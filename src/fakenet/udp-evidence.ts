/**
 * UDP datagrams from the pcap (DNS aside) as evidence (pure): the fake
 * internet does not answer them, but they are captured before they die at
 * the veth peer. Each enriches the traced connect (or sendto) to its
 * destination with the bytes sent; one with no traced counterpart becomes
 * a connect of its own. Loopback traffic stays out.
 */
import type { ConnectEvent, TraceEvent } from '../events/types.js';
import { Claims } from './claim-closest.js';
import { endpointText, plainAddress } from './ip-text.js';
import type { PcapDatagram } from './pcap-observations.js';
import { phaseAt } from './phase-windows.js';
import { printableBytes } from './printable-bytes.js';
import type { TcpContext } from './tcp-evidence.js';
import { destinationText, type TrafficSample } from './traffic-sample.js';

const isLoopback = (address: string): boolean => address.startsWith('127.') || address === '::1';

export function addUdpEvidence(datagrams: readonly PcapDatagram[], context: TcpContext): TrafficSample[] {
  const claims = new Claims<TraceEvent>(context.events);
  const samples: TrafficSample[] = [];
  const added = new Map<string, number>();
  const firstBytes = new Map<number, Uint8Array>();
  for (const datagram of datagrams) {
    const address = plainAddress(datagram.destinationAddress);
    if (isLoopback(address)) continue;
    const port = datagram.destinationPort;
    const key = endpointText(address, port);
    let index =
      added.get(key) ??
      claims.find(datagram.timestampMs, (event) => event.kind === 'connect' && event.protocol === 'udp' && plainAddress(event.address) === address && event.port === port);
    if (index === null) {
      const phase = phaseAt(context.phases, datagram.timestampMs) ?? 'install';
      const hostname = context.hostnames.lookup(address, datagram.timestampMs);
      context.events.push({
        kind: 'connect',
        phase,
        pid: 0,
        timestampMs: datagram.timestampMs,
        attribution: context.fallbackAttribution(phase, datagram.timestampMs),
        ok: true,
        family: 'inet',
        address,
        port,
        protocol: 'udp',
        ...(hostname ? { hostname } : {}),
      });
      index = context.events.length - 1;
      added.set(key, index);
    }
    const connect = context.events[index] as ConnectEvent;
    const first = firstBytes.get(index) ?? datagram.payload;
    firstBytes.set(index, first);
    const bytes = (connect.received?.bytes ?? 0) + datagram.payload.length;
    context.events[index] = { ...connect, received: { bytes, firstBytes: printableBytes(first) } };
    samples.push({
      event: context.events[index]!,
      channel: 'udp',
      location: 'UDP datagram',
      destination: destinationText(key, connect.hostname),
      data: datagram.payload,
    });
  }
  return samples;
}
