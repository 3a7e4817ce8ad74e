/**
 * What a package was seen doing, as sets that compare across versions
 * (pure): the hosts it reached, the DNS names it asked for, the processes
 * it ran (by program and argument shape), the files it wrote outside its
 * own folder, the credentials it read, and the install scripts npm ran for
 * it. npm's own work is left out. From one package's own events (a
 * lockfile analysis, or a tree analysis narrowed to the package).
 */
import type { FileEvent, ProcessEvent, TraceEvent } from '../events/types.js';
import { shownCommand } from '../policy/describe-event.js';
import type { Behaviour } from '../report/diff-model.js';
import { argvShape, nameShape, textShape, type ShapeContext } from './text-shape.js';

const BEHAVIOUR_KINDS = ['hosts', 'dnsNames', 'processes', 'filesWritten', 'credentialsRead', 'installScripts'] as const;
type BehaviourKind = (typeof BEHAVIOUR_KINDS)[number];

/** Writes that are no one's business: the null device and the process's own streams. */
const HARMLESS_WRITES = /^\/dev\/(null|tty|stdout|stderr|fd\/\d+)$|^\/proc\/self\/fd\//;
const ENVIRON = /^\/proc\/(\d+|self)\/environ$/;
const LOOPBACK = /^(127\.|::1$|::ffff:127\.|0\.0\.0\.0$)/;

function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function hostOf(event: TraceEvent): string | null {
  switch (event.kind) {
    case 'connect':
      return LOOPBACK.test(event.address) ? null : nameShape(event.hostname ?? endpoint(event.address, event.port));
    case 'http':
      return nameShape((event.host ?? event.hostname ?? endpoint(event.address, event.port)).replace(/:80$/, ''));
    case 'tls':
      return nameShape(event.sni ?? event.hostname ?? endpoint(event.address, event.port));
    default:
      return null;
  }
}

function isOutside(event: FileEvent, packageName: string, context: ShapeContext): boolean {
  const inOwnFolder = (file: string): boolean => file.includes(`/node_modules/${packageName}/`) || file.endsWith(`/node_modules/${packageName}`);
  const npmCache = (file: string): boolean => file.startsWith(`${context.homeDir}/.npm/`);
  const paths = [event.path, ...(event.target ? [event.target] : [])];
  return paths.some((file) => !inOwnFolder(file) && !npmCache(file) && !HARMLESS_WRITES.test(file));
}

/** The command npm ran for the package: a lifecycle-script process whose parent is npm's. */
function installScript(event: ProcessEvent, parents: ReadonlyMap<number, ProcessEvent>): boolean {
  if (event.attribution.via !== 'lifecycle-script') return false;
  const parent = event.parentPid === null ? undefined : parents.get(event.parentPid);
  return parent === undefined || parent.attribution.via === 'package-manager';
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function eachKind(values: (kind: BehaviourKind) => string[]): Behaviour {
  return {
    hosts: values('hosts'),
    dnsNames: values('dnsNames'),
    processes: values('processes'),
    filesWritten: values('filesWritten'),
    credentialsRead: values('credentialsRead'),
    installScripts: values('installScripts'),
  };
}

export function behaviourOf(events: readonly TraceEvent[], packageName: string, context: ShapeContext): Behaviour {
  const parents = new Map<number, ProcessEvent>();
  for (const event of events) if (event.kind === 'process' && event.ok) parents.set(event.pid, event);
  const sets: Record<BehaviourKind, string[]> = { hosts: [], dnsNames: [], processes: [], filesWritten: [], credentialsRead: [], installScripts: [] };
  for (const event of events) {
    if (event.attribution.via === 'package-manager') continue;
    const host = hostOf(event);
    if (host !== null) sets.hosts.push(host);
    if (event.kind === 'dns' && event.name) sets.dnsNames.push(nameShape(event.name));
    if (event.kind === 'process') {
      sets.processes.push(argvShape(event.argv, event.executable, context));
      if (installScript(event, parents)) sets.installScripts.push(textShape(shownCommand(event.argv), context));
    }
    if (event.kind === 'file' && event.access === 'write' && isOutside(event, packageName, context)) {
      sets.filesWritten.push(textShape(event.target ? `${event.path} -> ${event.target}` : event.path, context));
    }
    if (event.kind === 'file' && event.access === 'read' && (event.honeytoken?.how === 'touched' || ENVIRON.test(event.path))) {
      sets.credentialsRead.push(textShape(event.path, context));
    }
  }
  return eachKind((kind) => sorted(sets[kind]));
}

/** Everything either did. */
export function unionBehaviour(all: readonly Behaviour[]): Behaviour {
  return eachKind((kind) => sorted(all.flatMap((behaviour) => behaviour[kind])));
}

/** What `to` does that `from` does not. */
export function addedBehaviour(from: Behaviour, to: Behaviour): Behaviour {
  return eachKind((kind) => to[kind].filter((value) => !from[kind].includes(value)));
}

export function isEmptyBehaviour(behaviour: Behaviour): boolean {
  return BEHAVIOUR_KINDS.every((kind) => behaviour[kind].length === 0);
}
