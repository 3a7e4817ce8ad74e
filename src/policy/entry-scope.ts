/**
 * Allowlist entries that apply event by event (pure): those naming `hosts`
 * (only events that went to those hosts are covered), `paths` (only file
 * events wholly in those places), `ports` (only events to those ports, a
 * server's on the port it asked for), `step` (only events of those kinds of the
 * consumer's steps) or a `severity` (the events' findings are kept at that
 * severity instead of being accepted).
 * A known vendor's download becomes a warning naming the URL, while the same
 * package's traffic anywhere else keeps the rule's own severity.
 */
import type { AllowedFinding, Finding, Severity } from '../events/finding.js';
import type { TraceEvent } from '../events/types.js';
import { entryAppliesTo, isEventScoped, type VersionsOf } from './apply-allowlist.js';
import { inSteps, namesOf, portOf } from './match-conditions.js';
import { matchesAnyGlob } from './glob.js';
import type { AllowEntry, PolicyContext, Rule } from './policy-types.js';
import { nameMatchesAny } from './text-glob.js';

export type { VersionsOf } from './apply-allowlist.js';

export interface EventScope {
  /** Tells findings of differently covered events apart. */
  readonly key: number;
  readonly severity?: Severity;
  readonly allowedBy?: AllowedFinding['allowedBy'];
  readonly downgradedBy?: Omit<NonNullable<Finding['downgradedBy']>, 'from'>;
}

/** Every path the kernel touched is in the places (a path as merely requested never counts). */
function inPaths(event: TraceEvent, paths: readonly string[], context: PolicyContext): boolean {
  if (event.kind !== 'file') return false;
  return [event.path, ...(event.target === undefined ? [] : [event.target])].every((path) => matchesAnyGlob(path, paths, context, event.attribution.package));
}

/** Every name the event went to is one of the hosts (a Host header naming a vendor does not cover a connection elsewhere). */
function toHosts(event: TraceEvent, hosts: readonly string[]): boolean {
  const names = namesOf(event);
  return names !== null && names.length > 0 && names.every((name) => nameMatchesAny(name, hosts));
}

export function eventScope(rule: Rule, event: TraceEvent, allow: readonly AllowEntry[], versionsOf: VersionsOf, context: PolicyContext): EventScope {
  const index = allow.findIndex(
    (entry) =>
      isEventScoped(entry) &&
      entryAppliesTo(entry, { rule: rule.id, phase: event.phase, package: event.attribution.package }, versionsOf) &&
      (entry.step === undefined || inSteps(event, entry.step)) &&
      (entry.hosts === undefined || toHosts(event, entry.hosts)) &&
      (entry.paths === undefined || inPaths(event, entry.paths, context)) &&
      (entry.ports === undefined || entry.ports.includes(portOf(event) ?? -1)),
  );
  const entry = allow[index];
  if (entry === undefined) return { key: -1 };
  const cover = {
    package: entry.package,
    ...(entry.version === undefined ? {} : { version: entry.version }),
    reason: entry.reason,
    ...(entry.source === undefined ? {} : { source: entry.source }),
  };
  return entry.severity === undefined ? { key: index, allowedBy: cover } : { key: index, severity: entry.severity, downgradedBy: cover };
}
