/** Human-readable evidence lines and message templates for events (pure). */
import type { TraceEvent } from '../events/types.js';
import { executableName } from './process-tree.js';

const MAX_ARG_CHARS = 300;

function outcome(event: TraceEvent): string {
  return event.ok ? '' : ` (failed: ${event.error ?? 'error'})`;
}

export function destination(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export function describeEvent(event: TraceEvent): string {
  switch (event.kind) {
    case 'process': {
      const command = event.argv.join(' ');
      const shown = command.length > MAX_ARG_CHARS ? `${command.slice(0, MAX_ARG_CHARS)}…` : command;
      return `pid ${event.pid} exec ${event.executable}: ${shown}${outcome(event)}`;
    }
    case 'file':
      return `pid ${event.pid} ${event.operation} ${event.path}${event.target ? ` -> ${event.target}` : ''} (${event.access})${outcome(event)}`;
    case 'connect':
      return `pid ${event.pid} connect ${event.protocol} ${destination(event.address, event.port)}${outcome(event)}`;
    case 'dns':
      return `pid ${event.pid} dns ${event.type ?? '?'} ${event.name ?? '(name not seen)'} via ${event.server}${outcome(event)}`;
  }
}

export function fillMessage(template: string, event: TraceEvent): string {
  const values: Record<string, string> = {
    // Both paths of a rename/link: the one a rule cares about may be either.
    path: event.kind === 'file' ? (event.target ? `${event.path} -> ${event.target}` : event.path) : '',
    destination: event.kind === 'connect' ? `${event.protocol} ${destination(event.address, event.port)}` : '',
    name: event.kind === 'dns' ? (event.name ?? 'a name') : '',
    executable: event.kind === 'process' ? executableName(event) : '',
  };
  return template.replace(/\{(path|destination|name|executable)\}/g, (_, key: string) => values[key] ?? '');
}
