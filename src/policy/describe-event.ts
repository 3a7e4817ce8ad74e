/** Human-readable evidence lines and message templates for events (pure). */
import type { ConnectEvent, ExfiltrationEvent, HttpEvent, TraceEvent } from '../events/types.js';
import { executableName } from './process-tree.js';

const MAX_ARG_CHARS = 300;
const MAX_BYTES_CHARS = 120;

function outcome(event: TraceEvent): string {
  return event.ok ? '' : ` (failed: ${event.error ?? 'error'})`;
}

function destination(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function clip(text: string, max = MAX_BYTES_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A long command line for people: runs of one repeated character (padding)
 * are counted rather than printed, then the start and the end are kept, so
 * what padding pushed to the end still shows.
 */
function clipCommand(text: string, max = MAX_ARG_CHARS): string {
  const packed = text.replace(/([\s\S])\1{15,}/g, (run, char: string) => `[${run.length} × ${JSON.stringify(char)}]`);
  if (packed.length <= max) return packed;
  const tail = Math.floor(max / 3);
  return `${packed.slice(0, max - tail)}…${packed.slice(-tail)}`;
}

/** `name (address:port)` when the fake internet's DNS named the address, else `address:port`. */
function namedDestination(event: { address: string; port: number; hostname?: string }): string {
  const endpoint = destination(event.address, event.port);
  return event.hostname ? `${event.hostname} (${endpoint})` : endpoint;
}

/** The request as a URL (plain http: the fake internet does not decrypt TLS). */
function httpUrl(event: HttpEvent): string {
  if (/^https?:\/\//i.test(event.path)) return event.path;
  return `http://${event.host ?? event.hostname ?? destination(event.address, event.port)}${event.path}`;
}

function describeConnect(event: ConnectEvent): string {
  const sent = event.received ? `, sent ${event.received.bytes} byte(s): "${clip(event.received.firstBytes)}"` : '';
  return `pid ${event.pid} connect ${event.protocol} ${namedDestination(event)}${outcome(event)}${sent}`;
}

function describeExfiltration(event: ExfiltrationEvent): string {
  const how = event.encoding === 'raw' ? 'as is' : `${event.encoding}-encoded`;
  const part = event.matchedChars >= event.tokenChars ? 'the whole token' : `${event.matchedChars} of its ${event.tokenChars} characters`;
  return `pid ${event.pid} sent the ${event.tokenLabel} [${event.honeytoken.token}] ${how} in the ${event.location} to ${event.destination} (${part})`;
}

export function describeEvent(event: TraceEvent): string {
  switch (event.kind) {
    case 'process': {
      const shown = clipCommand(event.argv.join(' '));
      const cut = event.argvTruncated ? ' [command line cut by the tracer]' : '';
      return `pid ${event.pid} exec ${event.executable}: ${shown}${cut}${outcome(event)}`;
    }
    case 'file': {
      const requested = event.requested ? ` (named as ${event.requested})` : '';
      return `pid ${event.pid} ${event.operation} ${event.path}${event.target ? ` -> ${event.target}` : ''}${requested} (${event.access})${outcome(event)}`;
    }
    case 'connect':
      return describeConnect(event);
    case 'dns':
      return `pid ${event.pid} dns ${event.type ?? '?'} ${event.name ?? '(name not seen)'} via ${event.server}${outcome(event)}${event.answer ? ` -> ${event.answer}` : ''}`;
    case 'http': {
      const body = event.bodyBytes > 0 ? `, body ${event.bodyBytes} byte(s): "${clip(event.bodyExcerpt)}"` : '';
      return `pid ${event.pid} HTTP ${event.method} ${clip(httpUrl(event), 300)} to ${namedDestination(event)}${body}`;
    }
    case 'tls':
      return `pid ${event.pid} TLS ClientHello for ${event.sni ?? '(no server name)'} to ${namedDestination(event)}${event.alpn.length > 0 ? ` (ALPN ${event.alpn.join(', ')})` : ''}`;
    case 'exfiltration':
      return describeExfiltration(event);
    case 'syscall':
      return `pid ${event.pid} ${event.syscall}(${event.detail})${outcome(event)}`;
    case 'limit':
      return `${event.pid > 0 ? `pid ${event.pid} ` : ''}${event.limit} limit: ${event.detail}`;
  }
}

function destinationOf(event: TraceEvent): string {
  switch (event.kind) {
    case 'connect':
      return `${event.protocol} ${namedDestination(event)}`;
    case 'http':
    case 'tls':
      return namedDestination(event);
    case 'exfiltration':
      return event.destination;
    default:
      return '';
  }
}

export function fillMessage(template: string, event: TraceEvent): string {
  const values: Record<string, string> = {
    // Both paths of a rename/link: the one a rule cares about may be either.
    path: event.kind === 'file' ? (event.target ? `${event.path} -> ${event.target}` : event.path) : '',
    destination: destinationOf(event),
    name: event.kind === 'dns' ? (event.name ?? 'a name') : event.kind === 'tls' ? (event.sni ?? 'no server name') : '',
    executable: event.kind === 'process' ? executableName(event) : '',
    command: event.kind === 'process' ? shownCommand(event.argv) : '',
    url: event.kind === 'http' ? `${event.method} ${clip(httpUrl(event), 200)}` : '',
    token: event.kind === 'exfiltration' ? event.tokenLabel : (event.honeytoken?.token ?? ''),
    detail: event.kind === 'syscall' ? `${event.syscall}(${event.detail})` : event.kind === 'limit' ? event.detail : '',
  };
  return template.replace(/\{(path|destination|name|executable|command|url|token|detail)\}/g, (_, key: string) => values[key] ?? '');
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh']);

/** A command line for a summary: the script of a `sh -c SCRIPT` wrapper, else argv; capped. */
export function shownCommand(argv: readonly string[]): string {
  const [program, flag, script] = argv;
  const wrapped = program !== undefined && SHELLS.has(program.split('/').at(-1) ?? '') && flag === '-c' && script !== undefined;
  return clipCommand(wrapped ? script : argv.join(' '), 200);
}
