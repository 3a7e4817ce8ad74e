/** A policy as loaded from YAML (see policies/default.yaml for the documented format). */
import type { FindingCategory, Severity } from '../events/finding.js';
import type { Attribution } from '../events/types.js';

export type EventKind = 'process' | 'file' | 'connect' | 'dns';
export type Actor = Exclude<Attribution['via'], 'package-manager'>;

export interface RuleMatch {
  readonly event: EventKind;
  readonly by?: readonly Actor[];
  readonly access?: 'read' | 'write';
  readonly path?: readonly string[];
  readonly pathNot?: readonly string[];
  readonly executable?: readonly string[];
  readonly parentNot?: 'package-manager';
  readonly ancestorNot?: readonly string[];
  readonly addressNot?: readonly string[];
}

export interface Rule {
  readonly id: string;
  readonly category: FindingCategory;
  readonly severity: Severity;
  /** Summary template; {path} {destination} {name} {executable} are filled from the event. */
  readonly message: string;
  readonly rationale: string;
  readonly match: RuleMatch;
}

export interface Policy {
  readonly version: 1;
  readonly failOn: Severity;
  readonly rules: readonly Rule[];
  /** Files the policy was read from, in order. */
  readonly sources: readonly string[];
}

/** Where the sandbox put things, for `~` and `{package}` in path globs. */
export interface PolicyContext {
  readonly homeDir: string;
  readonly projectDir: string;
}
