/**
 * The fake internet's plan (sandbox-images/fakenet): addresses, ports and
 * files the sidecar uses, passed to it on its command line so this file is
 * the one place they are set.
 */
import { randomBytes } from 'node:crypto';

/** Where the sidecar writes (its own filesystem, never visible to the sandbox). */
export const FAKENET_OUT_DIR = '/var/log/fakenet';
export const FAKENET_FILES = {
  status: `${FAKENET_OUT_DIR}/status`,
  sinkLog: `${FAKENET_OUT_DIR}/sink.jsonl`,
  pcap: `${FAKENET_OUT_DIR}/capture.pcap`,
  tcpdumpLog: `${FAKENET_OUT_DIR}/tcpdump.log`,
} as const;

/** The sandbox's eth0, like a GitHub-hosted runner's (the namespace has no other link). */
const SANDBOX_ADDRESS = '10.1.0.4/16';
const GATEWAY_ADDRESS = '10.1.0.1';
/** The DNS listener: the name server of the sandbox's resolv.conf (docker-sandbox.ts), as systemd-resolved's. */
export const DNS_ADDRESS = '127.0.0.53';
/** The TCP catch-all on loopback; every non-loopback TCP connection is redirected to it. */
export const SINK_TCP_PORT = 10080;
/** DNS answers come from here, one address per name (the lower half stays free for fixtures' literal addresses). */
export const SINKHOLE_NETWORK = '198.51.100.128/25';
/**
 * Bytes of each connection the sink keeps (it counts them all), and of all
 * connections together; what a connection sent beyond them is not searched
 * for secrets, and the report says so (a `capture` limit event).
 */
export const CAPTURE_BYTES = 16 * 1024 * 1024;
const CAPTURE_BUDGET_BYTES = 64 * 1024 * 1024;

export const SINK_ENDPOINT = `127.0.0.1:${SINK_TCP_PORT}`;
export const DNS_ENDPOINT = `${DNS_ADDRESS}:53`;

/** The sidecar's command line; the veth peer gets a name like Docker's own (`veth` + 7 hex digits). */
export function fakenetCommand(peerName = `veth${randomBytes(4).toString('hex').slice(0, 7)}`): string[] {
  return [
    '/usr/bin/tini', '-s', '--',
    'python3', '/opt/fakenet/fakenet.py',
    '--out', FAKENET_OUT_DIR,
    '--address', SANDBOX_ADDRESS,
    '--gateway', GATEWAY_ADDRESS,
    '--peer', peerName,
    '--dns', DNS_ADDRESS,
    '--tcp-port', String(SINK_TCP_PORT),
    '--sinkhole', SINKHOLE_NETWORK,
    '--capture-bytes', String(CAPTURE_BYTES),
    '--capture-budget', String(CAPTURE_BUDGET_BYTES),
  ];
}
