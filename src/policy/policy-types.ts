/** A policy as loaded from YAML (see policies/default.yaml for the documented format). */
import type { FindingCategory, Severity } from '../events/finding.js';
import type { Attribution, LimitKind, PhaseName } from '../events/types.js';

/** Event kinds a rule can match; the schema (policy-schema.ts) is built from this list. */
export const EVENT_KINDS = ['process', 'file', 'connect', 'dns', 'http', 'tls', 'exfiltration', 'syscall', 'limit'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const ACTORS = ['lifecycle-script', 'import'] as const;
export type Actor = Exclude<Attribution['via'], 'package-manager'>;
export const PHASES = ['install', 'import', 'execute'] as const satisfies readonly PhaseName[];
/** `package-manager`: the parent process is npm's own; `none`: the phase's first process (no traced parent). */
export const PARENT_KINDS = ['package-manager', 'none'] as const;
export type ParentKind = (typeof PARENT_KINDS)[number];
export const HONEYTOKEN_CONDITIONS = ['touched', 'sent', 'any'] as const;

/**
 * Conditions on a normalised event; every key given must hold (lists: any
 * item matches, `...Not` lists: no item matches). Keys that do not apply to
 * an event's kind never match it (a rule on `path` never fires on a dns event).
 */
export interface Conditions {
  readonly phase?: readonly PhaseName[];
  readonly by?: readonly Actor[];
  readonly access?: 'read' | 'write';
  /** Path globs: file paths, or the executable's path for process events. */
  readonly path?: readonly string[];
  readonly pathNot?: readonly string[];
  /** Program names (argv[0] or the executable's file name). */
  readonly executable?: readonly string[];
  /** Globs over the command line (argv joined by spaces; `*` matches anything). */
  readonly argv?: readonly string[];
  readonly argvNot?: readonly string[];
  readonly parent?: ParentKind;
  readonly parentNot?: ParentKind;
  /** Program names of the acting process's ancestors (for non-process events: the process itself too). */
  readonly ancestor?: readonly string[];
  readonly ancestorNot?: readonly string[];
  /** CIDR ranges or exact addresses of a connection's destination. */
  readonly address?: readonly string[];
  readonly addressNot?: readonly string[];
  readonly port?: readonly number[];
  readonly portNot?: readonly number[];
  /** DNS name globs (`*` one label or part of it, `**` any labels). */
  readonly name?: readonly string[];
  readonly nameNot?: readonly string[];
  /** Syscall names of a syscall event (e.g. setuid, mount, socket). */
  readonly syscall?: readonly string[];
  /** Limits of a limit event (time, memory, processes, disk, output, detached, sandbox). */
  readonly limit?: readonly LimitKind[];
  /** The event carries a honeytoken mark (see HoneytokenMark). */
  readonly honeytoken?: (typeof HONEYTOKEN_CONDITIONS)[number];
}

export interface RuleMatch extends Conditions {
  readonly event: EventKind;
}

export interface Rule {
  readonly id: string;
  readonly category: FindingCategory;
  readonly severity: Severity;
  /** Summary template; {path} {destination} {name} {executable} {command} {url} {token} {detail} are filled from the event. */
  readonly message: string;
  readonly rationale: string;
  readonly match: RuleMatch;
  /** Events matching any of these are not findings of this rule (known-good shapes of the behaviour). */
  readonly except?: readonly Conditions[];
}

/** Accepts findings of some rules for one package (and version range), with the reason why. */
export interface AllowEntry {
  readonly package: string;
  /** semver range the acting package's version must satisfy; any version when absent. */
  readonly version?: string;
  readonly rules: readonly string[];
  readonly phase?: readonly PhaseName[];
  readonly reason: string;
  /** The policy file it came from. */
  readonly source?: string;
}

export interface Policy {
  readonly version: 1;
  readonly failOn: Severity;
  readonly rules: readonly Rule[];
  /** Allowlist entries of every file, in order (absent when no file has any). */
  readonly allow?: readonly AllowEntry[];
  /** Files the policy was read from, in order. */
  readonly sources: readonly string[];
}

/** Where the sandbox put things, for `~` and `{package}` in path globs. */
export interface PolicyContext {
  readonly homeDir: string;
  readonly projectDir: string;
}
