/**
 * Whether an event meets a rule's conditions (pure). Every key given must
 * hold; a key that does not apply to the event's kind fails the match, so a
 * condition never silently widens a rule.
 *
 * Conditions are read in one of two modes. `blame` (a match's own keys)
 * accepts any fact of the event: a path as requested or as resolved, argv[0]
 * or the executable's name. `excuse` (every `except` entry, and a match's
 * `...Not` keys) accepts only facts the package cannot fake: the paths the
 * kernel touched, all of them, and only programs installed on the system.
 */
import type { CallStep, FileAccess, FileEvent, ProcessEvent, TraceEvent } from '../events/types.js';
import { addressInAny } from './address-range.js';
import { matchesAnyGlob } from './glob.js';
import type { Conditions, ParentKind, PolicyContext } from './policy-types.js';
import type { Program, ProcessTree } from './process-tree.js';
import { programOf } from './process-tree.js';
import { shellMode } from './shell-mode.js';
import { commandMatchesAny, nameMatchesAny } from './text-glob.js';

export interface MatchInput {
  readonly tree: ProcessTree;
  readonly context: PolicyContext;
  /** Whether nothing the package does later in its phase shows in the trace (see Conditions.quietAfter). */
  readonly quietAfter?: (event: TraceEvent) => boolean;
}

export type MatchMode = 'blame' | 'excuse';

/** Paths a file event changes: both ends of a rename, else its path (a link's or symlink's new name). */
export function writtenPaths(event: FileEvent): string[] {
  if (event.operation === 'rename' && event.target) return [event.path, event.target];
  return [event.path];
}

/** Paths a path glob is matched against: what the kernel touched (and, to blame, what was asked for), or the program a process runs. */
function eventPaths(event: TraceEvent, mode: MatchMode): string[] | null {
  if (event.kind === 'process') return mode === 'blame' || event.exact !== false ? [event.executable] : [];
  if (event.kind !== 'file') return null;
  const resolved = event.target ? [event.path, event.target] : [event.path];
  return mode === 'blame' && event.requested !== undefined ? [...resolved, event.requested] : resolved;
}

function parentKind(event: ProcessEvent, tree: ProcessTree): ParentKind | null {
  if (event.parentPid === null) return 'none';
  return tree.parentAttribution(event)?.via === 'package-manager' ? 'package-manager' : null;
}

/** A program named by a rule: by name (`make`) or by path glob (`/usr/bin/make`); to excuse, only a system program counts. */
function programMatches(program: Program, entries: readonly string[], mode: MatchMode, context: PolicyContext): boolean {
  if (mode === 'excuse' && !program.system) return false;
  const names = mode === 'excuse' ? [program.name] : program.names;
  return entries.some((entry) => (entry.includes('/') ? matchesAnyGlob(program.path, [entry], context, null) : names.includes(entry)));
}

function pathConditions(conditions: Conditions, event: TraceEvent, context: PolicyContext, mode: MatchMode): boolean {
  const { path, pathNot, target, targetNot } = conditions;
  if (path === undefined && pathNot === undefined && target === undefined && targetNot === undefined) return true;
  const paths = eventPaths(event, mode);
  if (paths === null) return false;
  const pkg = event.attribution.package;
  const matches = (p: string, globs: readonly string[]): boolean => matchesAnyGlob(p, globs, context, pkg);
  // Blaming: any path will do. Excusing: every path must be in the listed places.
  if (path && !(mode === 'blame' ? paths.some((p) => matches(p, path)) : paths.length > 0 && paths.every((p) => matches(p, path)))) return false;
  if (pathNot) {
    // Blaming: a write is outside the places when any path it changes is; other events when every path they name is.
    // Excusing: only when none of those paths is in them (a rename out of node_modules excuses nothing).
    const excludable = event.kind === 'file' && event.access === 'write' ? writtenPaths(event) : eventPaths(event, 'excuse') ?? [];
    const listed = (p: string): boolean => matches(p, pathNot);
    if (excludable.length > 0 && (mode === 'blame' ? excludable.every(listed) : excludable.some(listed))) return false;
  }
  if (target || targetNot) {
    if (event.kind !== 'file' || event.target === undefined) return false;
    if (target && !matches(event.target, target)) return false;
    if (targetNot && matches(event.target, targetNot)) return false;
  }
  return true;
}

function fileConditions(conditions: Conditions, event: TraceEvent): boolean {
  const { access, operation } = conditions;
  if (access === undefined && operation === undefined) return true;
  if (event.kind !== 'file') return false;
  const accesses: readonly FileAccess[] = typeof access === 'string' ? [access] : (access ?? []);
  if (access !== undefined && !accesses.includes(event.access)) return false;
  return operation === undefined || operation.includes(event.operation);
}

function processConditions(conditions: Conditions, event: TraceEvent, input: MatchInput, mode: MatchMode): boolean {
  const { executable, argv, argvNot, parent, parentNot, shell } = conditions;
  if ([executable, argv, argvNot, parent, parentNot, shell].every((value) => value === undefined)) return true;
  if (event.kind !== 'process') return false;
  if (executable && !programMatches(programOf(event), executable, mode, input.context)) return false;
  if (argv && !commandMatchesAny(event.argv, argv)) return false;
  if (argvNot && commandMatchesAny(event.argv, argvNot)) return false;
  if (shell) {
    const how = shellMode(event.argv, event.executable);
    if (how === null || !shell.includes(how)) return false;
  }
  const kind = parentKind(event, input.tree);
  if (parent && kind !== parent) return false;
  return !(parentNot && kind === parentNot);
}

/** Address and port of an event that went somewhere (connections, and requests the fake internet caught). */
function destinationOf(event: TraceEvent): { address: string; port: number } | null {
  const { address, port } = event as { address?: unknown; port?: unknown };
  return typeof address === 'string' && typeof port === 'number' ? { address, port } : null;
}

/** Where the event went, or for a server's bind, listen or accept, the port it asked for. */
export function portOf(event: TraceEvent): number | undefined {
  return destinationOf(event)?.port ?? (event.kind === 'syscall' ? event.port : undefined);
}

/**
 * DNS names an event names: a query's name, the name a connection was made
 * to (hostname, HTTP Host, TLS SNI), or for a secret sent out, the name its
 * destination's address was looked up by.
 */
export function namesOf(event: TraceEvent): string[] | null {
  if (event.kind === 'dns') return event.name === null ? [] : [event.name];
  if (event.kind === 'exfiltration') return event.hostname === undefined ? [] : [event.hostname];
  const fields = event as { hostname?: unknown; host?: unknown; sni?: unknown };
  if (destinationOf(event) === null) return null;
  return [fields.hostname, fields.host, fields.sni].filter((name): name is string => typeof name === 'string' && name !== '');
}

/** Name globs with `{registry}` standing for the package registry's hosts (none known: it matches nothing). */
function nameGlobs(globs: readonly string[], context: PolicyContext): string[] {
  return globs.flatMap((glob) => (glob === '{registry}' ? (context.registryHosts ?? []) : [glob]));
}

function networkConditions(conditions: Conditions, event: TraceEvent, context: PolicyContext, mode: MatchMode): boolean {
  const { address, addressNot, port, portNot, name, nameNot } = conditions;
  if (address || addressNot) {
    const destination = destinationOf(event);
    if (destination === null) return false;
    if (address && !addressInAny(destination.address, address)) return false;
    if (addressNot && addressInAny(destination.address, addressNot)) return false;
  }
  if (port || portNot) {
    const eventPort = portOf(event);
    if (eventPort === undefined) return false;
    if (port && !port.includes(eventPort)) return false;
    if (portNot && portNot.includes(eventPort)) return false;
  }
  if (name || nameNot) {
    const names = namesOf(event);
    if (names === null) return false;
    const named = (globs: readonly string[]): ((n: string) => boolean) => {
      const expanded = nameGlobs(globs, context);
      return (n) => nameMatchesAny(n, expanded);
    };
    // Blaming: any name will do. Excusing: every name must be listed (a Host header naming the registry does not cover a connection elsewhere).
    if (name && !(mode === 'blame' ? names.some(named(name)) : names.length > 0 && names.every(named(name)))) return false;
    if (nameNot && names.length > 0 && names.every(named(nameNot))) return false;
  }
  return true;
}

function chainConditions(conditions: Conditions, event: TraceEvent, input: MatchInput, mode: MatchMode): boolean {
  const { ancestor, ancestorNot, actor } = conditions;
  if (!ancestor && !ancestorNot && !actor) return true;
  const chain = input.tree.chain(event);
  // The nearest program of the chain: what an ancestor ran (npm's `npm run build` running a package's script) did not act.
  if (actor && !(chain[0] !== undefined && programMatches(chain[0], actor, mode, input.context))) return false;
  if (ancestor && !chain.some((program) => programMatches(program, ancestor, mode, input.context))) return false;
  return !(ancestorNot && chain.some((program) => programMatches(program, ancestorNot, 'excuse', input.context)));
}

/** Whether the event belongs to one of these kinds of consumer steps; an event outside any step (install, dated loadings) never does. */
export function inSteps(event: TraceEvent, steps: readonly CallStep[]): boolean {
  return event.attribution.step !== undefined && steps.includes(event.attribution.step);
}

export function conditionsMatch(conditions: Conditions, event: TraceEvent, input: MatchInput, mode: MatchMode = 'blame'): boolean {
  if (conditions.phase && !conditions.phase.includes(event.phase)) return false;
  if (conditions.by && (event.attribution.via === 'package-manager' || !conditions.by.includes(event.attribution.via))) return false;
  if (conditions.step && !inSteps(event, conditions.step)) return false;
  if (conditions.argument && !(event.attribution.argument !== undefined && conditions.argument.includes(event.attribution.argument))) return false;
  if (conditions.argumentNot && event.attribution.argument !== undefined && conditions.argumentNot.includes(event.attribution.argument)) return false;
  if (conditions.syscall && (event.kind !== 'syscall' || !conditions.syscall.includes(event.syscall))) return false;
  if (conditions.limit && (event.kind !== 'limit' || !conditions.limit.includes(event.limit))) return false;
  if (conditions.honeytoken && !(event.honeytoken && (conditions.honeytoken === 'any' || event.honeytoken.how === conditions.honeytoken))) {
    return false;
  }
  if (conditions.token && !(event.honeytoken && nameMatchesAny(event.honeytoken.token, conditions.token))) return false;
  if (conditions.quietAfter !== undefined && (input.quietAfter?.(event) ?? false) !== conditions.quietAfter) return false;
  return (
    fileConditions(conditions, event) &&
    chainConditions(conditions, event, input, mode) &&
    pathConditions(conditions, event, input.context, mode) &&
    processConditions(conditions, event, input, mode) &&
    networkConditions(conditions, event, input.context, mode)
  );
}
