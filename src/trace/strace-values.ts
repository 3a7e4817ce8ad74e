/**
 * Typed views of strace argument tokens: `-yy` fd annotations and socket
 * addresses.
 */
import { cStringText, decodeEscapes } from './c-string.js';
import { parseStruct, skipAnnotation } from './strace-args.js';

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export type FdAnnotation =
  | { readonly kind: 'path'; readonly path: string }
  | {
      readonly kind: 'socket';
      /** As strace names it: TCP, UDP, TCPv6, UDPv6, UNIX-STREAM, NETLINK, ... */
      readonly protocol: string;
      readonly local: Endpoint | null;
      readonly peer: Endpoint | null;
    }
  | { readonly kind: 'other'; readonly text: string };

export interface FdArg {
  readonly fd: number | 'AT_FDCWD';
  readonly annotation: FdAnnotation | null;
}

const FD_TOKEN = /^(-?\d+|AT_FDCWD)(?=<|$)/;
const SOCKET = /^([A-Za-z0-9_-]+):\[([\s\S]*)\]$/;
const DEVICE_SUFFIX = /<(?:char|block) \d+:\d+>$/;

/** Parses `3`, `3</etc/passwd>`, `AT_FDCWD</home/u>`, `7<UDP:[127.0.0.1:5->127.0.0.1:53]>`. */
export function parseFdArg(token: string): FdArg | null {
  const text = token.trim();
  const match = FD_TOKEN.exec(text);
  if (!match) return null;
  const fd = match[1] === 'AT_FDCWD' ? 'AT_FDCWD' : Number(match[1]);
  const rest = text.slice(match[0].length);
  if (rest === '') return { fd, annotation: null };
  if (skipAnnotation(rest, 0) !== rest.length || !rest.endsWith('>')) return null;
  return { fd, annotation: parseAnnotation(rest.slice(1, -1)) };
}

/** Interprets the text inside a `-yy` annotation's angle brackets. */
export function parseAnnotation(inner: string): FdAnnotation {
  const socket = SOCKET.exec(inner);
  if (socket && !inner.startsWith('/')) {
    const [local, peer] = splitEndpoints(socket[2]!);
    return { kind: 'socket', protocol: socket[1]!, local, peer };
  }
  if (inner.startsWith('/')) {
    const path = decodeEscapes(inner.replace(DEVICE_SUFFIX, '')).toString('utf8');
    return { kind: 'path', path: path.endsWith(' (deleted)') ? path.slice(0, -' (deleted)'.length) : path };
  }
  return { kind: 'other', text: inner };
}

function splitEndpoints(text: string): [Endpoint | null, Endpoint | null] {
  const arrow = text.indexOf('->');
  if (arrow < 0) return [parseEndpoint(text), null];
  return [parseEndpoint(text.slice(0, arrow)), parseEndpoint(text.slice(arrow + 2))];
}

/** `1.2.3.4:53` or `[::1]:53`; null for inode numbers and unix peers. */
function parseEndpoint(text: string): Endpoint | null {
  const match = /^\[([0-9A-Fa-f:.%a-z]+)\]:(\d+)$/.exec(text) ?? /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(text);
  return match ? { address: match[1]!, port: Number(match[2]) } : null;
}

/** The path of an fd annotation, if the fd names a file or directory. */
export function annotationPath(fd: FdArg | null): string | null {
  return fd?.annotation?.kind === 'path' ? fd.annotation.path : null;
}

export type SockAddr =
  | { readonly family: 'inet' | 'inet6'; readonly address: string; readonly port: number }
  | { readonly family: 'other'; readonly name: string };

/**
 * Parses `{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.5")}`
 * and `{sa_family=AF_INET6, sin6_port=htons(53), ..., inet_pton(AF_INET6, "::1", &sin6_addr), ...}`.
 * Returns null for NULL, pointers and anything unreadable.
 */
export function parseSockaddr(token: string): SockAddr | null {
  const struct = parseStruct(token);
  const family = struct?.fields.get('sa_family');
  if (!struct || family === undefined) return null;
  if (family === 'AF_INET') {
    const port = htons(struct.fields.get('sin_port'));
    const addr = /^inet_addr\(("[^"]*")\)$/.exec(struct.fields.get('sin_addr') ?? '');
    const address = addr ? cStringText(addr[1]!) : null;
    return port === null || address === null ? null : { family: 'inet', address, port };
  }
  if (family === 'AF_INET6') {
    const port = htons(struct.fields.get('sin6_port'));
    const pton = struct.bare
      .map((member) => /^inet_pton\(AF_INET6,\s*("[^"]*")/.exec(member))
      .find((match) => match !== null);
    const address = pton ? cStringText(pton[1]!) : null;
    return port === null || address === null ? null : { family: 'inet6', address, port };
  }
  return { family: 'other', name: family };
}

function htons(value: string | undefined): number | null {
  const match = /^htons\((\d+)\)$/.exec(value ?? '');
  return match ? Number(match[1]) : null;
}
