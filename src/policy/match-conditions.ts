/**
 * Whether an event meets a rule's conditions (pure). Every key given must
 * hold; a key that does not apply to the event's kind fails the match, so a
 * condition never silently widens a rule.
 */
import path from 'node:path';
import type { FileEvent, ProcessEvent, TraceEvent } from '../events/types.js';
import { addressInAny } from './address-range.js';
import { matchesAnyGlob } from './glob.js';
import type { Conditions, ParentKind, PolicyContext } from './policy-types.js';
import type { ProcessTree } from './process-tree.js';
import { commandMatchesAny, nameMatchesAny } from './text-glob.js';

export interface MatchInput {
  readonly tree: ProcessTree;
  readonly context: PolicyContext;
}

/** Paths a file event changes: both ends of a rename, the new name of a link or symlink, else its path. */
export function writtenPaths(event: FileEvent): string[] {
  if (event.operation === 'link') return [event.target ?? event.path];
  if (event.operation === 'rename' && event.target) return [event.path, event.target];
  return [event.path];
}

/** Paths a path glob is matched against: every path a file event names, or the program a process runs. */
function eventPaths(event: TraceEvent): string[] | null {
  if (event.kind === 'process') return [event.executable];
  if (event.kind === 'file') return event.target ? [event.path, event.target] : [event.path];
  return null;
}

function parentKind(event: ProcessEvent, tree: ProcessTree): ParentKind | null {
  if (event.parentPid === null) return 'none';
  return tree.parentAttribution(event)?.via === 'package-manager' ? 'package-manager' : null;
}

function programNames(event: ProcessEvent): string[] {
  return [path.posix.basename(event.executable), path.posix.basename(event.argv[0] ?? '')];
}

function pathConditions(conditions: Conditions, event: TraceEvent, context: PolicyContext): boolean {
  if (conditions.path === undefined && conditions.pathNot === undefined) return true;
  const paths = eventPaths(event);
  if (paths === null) return false;
  const pkg = event.attribution.package;
  if (conditions.path && !paths.some((p) => matchesAnyGlob(p, conditions.path ?? [], context, pkg))) return false;
  // A write is outside a folder when any path it changes is; other events when every path they name is.
  const excludable = event.kind === 'file' && event.access === 'write' ? writtenPaths(event) : paths;
  return !(conditions.pathNot && excludable.every((p) => matchesAnyGlob(p, conditions.pathNot ?? [], context, pkg)));
}

function processConditions(conditions: Conditions, event: TraceEvent, tree: ProcessTree): boolean {
  const { executable, argv, argvNot, parent, parentNot } = conditions;
  if (executable === undefined && argv === undefined && argvNot === undefined && parent === undefined && parentNot === undefined) {
    return true;
  }
  if (event.kind !== 'process') return false;
  if (executable && !programNames(event).some((name) => executable.includes(name))) return false;
  if (argv && !commandMatchesAny(event.argv, argv)) return false;
  if (argvNot && commandMatchesAny(event.argv, argvNot)) return false;
  const kind = parentKind(event, tree);
  if (parent && kind !== parent) return false;
  return !(parentNot && kind === parentNot);
}

/** Address and port of an event that went somewhere (connections, and requests the fake internet caught). */
function destinationOf(event: TraceEvent): { address: string; port: number } | null {
  const { address, port } = event as { address?: unknown; port?: unknown };
  return typeof address === 'string' && typeof port === 'number' ? { address, port } : null;
}

/** DNS names an event names: a query's name, or the name a connection was made to (hostname, HTTP Host, TLS SNI). */
function namesOf(event: TraceEvent): string[] | null {
  if (event.kind === 'dns') return event.name === null ? [] : [event.name];
  const fields = event as { hostname?: unknown; host?: unknown; sni?: unknown };
  if (destinationOf(event) === null) return null;
  return [fields.hostname, fields.host, fields.sni].filter((name): name is string => typeof name === 'string' && name !== '');
}

function networkConditions(conditions: Conditions, event: TraceEvent): boolean {
  const { address, addressNot, port, portNot, name, nameNot } = conditions;
  if (address || addressNot || port || portNot) {
    const destination = destinationOf(event);
    if (destination === null) return false;
    if (address && !addressInAny(destination.address, address)) return false;
    if (addressNot && addressInAny(destination.address, addressNot)) return false;
    if (port && !port.includes(destination.port)) return false;
    if (portNot && portNot.includes(destination.port)) return false;
  }
  if (name || nameNot) {
    const names = namesOf(event);
    if (names === null) return false;
    if (name && !names.some((n) => nameMatchesAny(n, name))) return false;
    if (nameNot && names.length > 0 && names.every((n) => nameMatchesAny(n, nameNot))) return false;
  }
  return true;
}

export function conditionsMatch(conditions: Conditions, event: TraceEvent, { tree, context }: MatchInput): boolean {
  if (conditions.phase && !conditions.phase.includes(event.phase)) return false;
  if (conditions.by && (event.attribution.via === 'package-manager' || !conditions.by.includes(event.attribution.via))) return false;
  if (conditions.access && (event.kind !== 'file' || event.access !== conditions.access)) return false;
  if (conditions.syscall && (event.kind !== 'syscall' || !conditions.syscall.includes(event.syscall))) return false;
  if (conditions.limit && (event.kind !== 'limit' || !conditions.limit.includes(event.limit))) return false;
  if (conditions.honeytoken && !(event.honeytoken && (conditions.honeytoken === 'any' || event.honeytoken.how === conditions.honeytoken))) {
    return false;
  }
  if (conditions.ancestor || conditions.ancestorNot) {
    const chain = tree.chain(event);
    if (conditions.ancestor && !chain.some((name) => conditions.ancestor?.includes(name))) return false;
    if (conditions.ancestorNot && chain.some((name) => conditions.ancestorNot?.includes(name))) return false;
  }
  return pathConditions(conditions, event, context) && processConditions(conditions, event, tree) && networkConditions(conditions, event);
}
