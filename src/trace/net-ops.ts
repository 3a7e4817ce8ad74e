/**
 * Network views of traced calls: the address a connect() names, and the
 * datagrams a sendto/sendmsg/sendmmsg carries with their destination.
 */
import { decodeCString } from './c-string.js';
import { parseArray, parseStruct } from './strace-args.js';
import { parseFdArg, parseSockaddr, type Endpoint } from './strace-values.js';

type Protocol = 'tcp' | 'udp' | 'unknown';

export interface InetAddress extends Endpoint {
  readonly family: 'inet' | 'inet6';
}

export interface SocketInfo {
  readonly fd: number | null;
  readonly protocol: Protocol;
  /** Remote end of a connected socket, from the `-yy` annotation. */
  readonly peer: Endpoint | null;
}

export interface Datagram {
  /** Bytes as strace showed them (cut at `-s`); null if strace printed only a pointer. */
  readonly payload: Buffer | null;
  /** Explicit destination (sendto's address, msg_name); null on a connected socket. */
  readonly destination: InetAddress | null;
}

const PROTOCOLS: Readonly<Record<string, Protocol>> = { TCP: 'tcp', TCPv6: 'tcp', UDP: 'udp', UDPv6: 'udp' };

/** The socket an fd argument names, as far as its `-yy` annotation tells. */
export function socketInfo(token: string | undefined): SocketInfo {
  const fd = parseFdArg(token ?? '');
  const annotation = fd?.annotation;
  const number = typeof fd?.fd === 'number' ? fd.fd : null;
  if (annotation?.kind !== 'socket') return { fd: number, protocol: 'unknown', peer: null };
  return { fd: number, protocol: PROTOCOLS[annotation.protocol] ?? 'unknown', peer: annotation.peer };
}

/** An AF_INET/AF_INET6 sockaddr token as an address; null for AF_UNIX, AF_NETLINK, NULL, ... */
export function inetAddress(token: string | undefined): InetAddress | null {
  const addr = parseSockaddr(token ?? '');
  return addr && addr.family !== 'other' ? addr : null;
}

/** connect(fd, addr, len): the inet address connected to, or null. */
export function connectAddress(args: readonly string[]): InetAddress | null {
  return inetAddress(args[1]);
}

function payloadOf(token: string | undefined): Buffer | null {
  return token === undefined ? null : (decodeCString(token)?.bytes ?? null);
}

/** msg_iov=[{iov_base="...", iov_len=N}, ...] concatenated. */
function msghdrDatagram(token: string | undefined): Datagram | null {
  const msghdr = parseStruct(token ?? '');
  if (!msghdr) return null;
  const destination = inetAddress(msghdr.fields.get('msg_name'));
  const iovs = parseArray(msghdr.fields.get('msg_iov') ?? '');
  if (!iovs) return { payload: null, destination };
  const chunks: Buffer[] = [];
  for (const iov of iovs) {
    const chunk = payloadOf(parseStruct(iov)?.fields.get('iov_base'));
    if (chunk === null) return { payload: chunks.length > 0 ? Buffer.concat(chunks) : null, destination };
    chunks.push(chunk);
  }
  return { payload: Buffer.concat(chunks), destination };
}

/**
 * Datagrams of sendto(fd, buf, len, flags, addr, addrlen),
 * sendmsg(fd, msghdr, flags) and sendmmsg(fd, [mmsghdr, ...], vlen, flags).
 * For sendmmsg only the `result` messages that were sent count (all of
 * them when the call failed or never returned: it was still an attempt).
 */
export function sentDatagrams(syscall: string, args: readonly string[], result: number | null): Datagram[] {
  if (syscall === 'sendto') return [{ payload: payloadOf(args[1]), destination: inetAddress(args[4]) }];
  if (syscall === 'sendmsg') {
    const datagram = msghdrDatagram(args[1]);
    return datagram ? [datagram] : [];
  }
  if (syscall === 'sendmmsg') {
    const entries = parseArray(args[1] ?? '') ?? [];
    const sent = result !== null && result >= 0 ? entries.slice(0, result) : entries;
    return sent
      .map((entry) => msghdrDatagram(parseStruct(entry)?.fields.get('msg_hdr')))
      .filter((datagram): datagram is Datagram => datagram !== null);
  }
  return [];
}
