/**
 * Listening sockets (pure): what bind(), listen() and accept() of an inet
 * socket say about a server the traced code opened. listen() makes a TCP
 * socket a server; bind() of a UDP socket to a port of its choosing makes a
 * UDP one (a client's UDP socket binds nothing, or port 0); accept() takes a
 * connection on a server. Each is an event naming the port (a backdoor, loopback or not).
 */
import { inetAddress } from './net-ops.js';
import { parseFdArg, type Endpoint } from './strace-values.js';

export const LISTEN_SYSCALLS = ['bind', 'listen', 'accept', 'accept4'] as const;

export type ListenProtocol = 'tcp' | 'udp' | 'unknown';

export interface ListeningOp {
  readonly syscall: string;
  /** Protocol and local address, e.g. `tcp 0.0.0.0:4444`, `udp [::]:5353`, `tcp [::]:38605 (port chosen by the kernel)`. */
  readonly detail: string;
  /** The port the server asked for: 0 when it left the choice to the kernel (bind to port 0, then listen). */
  readonly port: number;
}

const ANY_PORT = 0;

/** The address a socket fd argument is bound to, from its `-yy` annotation (null without one). */
export function annotatedLocal(token: string | undefined): Endpoint | null {
  const annotation = parseFdArg(token ?? '')?.annotation;
  return annotation?.kind === 'socket' ? annotation.local : null;
}

/** bind(fd, addr, len): the inet address bound to, or null (Unix and netlink sockets). */
export function boundAddress(args: readonly string[]): Endpoint | null {
  const address = inetAddress(args[1]);
  return address ? { address: address.address, port: address.port } : null;
}

function where(local: Endpoint): string {
  if (local.port === ANY_PORT) return 'port chosen by the kernel';
  return local.address.includes(':') ? `[${local.address}]:${local.port}` : `${local.address}:${local.port}`;
}

/**
 * The listening op of a bind, listen or accept on an inet socket, given what
 * is known of the socket (its protocol, the inet address it is bound to, and
 * the port its bind asked for when that was seen);
 * null for a socket not bound to an inet address (Unix sockets: Node binds
 * every inet server before listen()) and for a bind that makes no server
 * (a TCP bind before listen() or connect(), a UDP bind to port 0).
 */
export function listeningOp(
  syscall: string,
  socket: { readonly protocol: ListenProtocol; readonly local: Endpoint | null; readonly askedPort?: number },
): ListeningOp | null {
  if (socket.local === null || !(LISTEN_SYSCALLS as readonly string[]).includes(syscall)) return null;
  if (syscall === 'bind' && (socket.protocol !== 'udp' || socket.local.port === ANY_PORT)) return null;
  const protocol = syscall === 'bind' ? 'udp' : socket.protocol === 'unknown' ? 'tcp' : socket.protocol;
  const port = socket.askedPort ?? socket.local.port;
  const chosen = port === ANY_PORT && socket.local.port !== ANY_PORT ? ' (port chosen by the kernel)' : '';
  return { syscall, detail: `${protocol} ${where(socket.local)}${chosen}`, port };
}
