/** A policy as loaded from YAML (see policies/default.yaml for the documented format). */
import type { FindingCategory, Severity } from '../events/finding.js';
import type { Attribution, CallStep, FileAccess, FileOperation, LimitKind, PhaseName } from '../events/types.js';

/** Event kinds a rule can match; the schema (policy-schema.ts) is built from this list. */
export const EVENT_KINDS = ['process', 'file', 'connect', 'dns', 'http', 'tls', 'exfiltration', 'syscall', 'limit'] as const;
type EventKind = (typeof EVENT_KINDS)[number];
export const ACTORS = ['lifecycle-script', 'import'] as const;
type Actor = Exclude<Attribution['via'], 'package-manager'>;
export const PHASES = ['install', 'import', 'execute'] as const satisfies readonly PhaseName[];
/** `package-manager`: the parent process is npm's own; `none`: the phase's first process (no traced parent). */
export const PARENT_KINDS = ['package-manager', 'none'] as const;
export type ParentKind = (typeof PARENT_KINDS)[number];
export const HONEYTOKEN_CONDITIONS = ['touched', 'sent', 'staged', 'handed', 'any'] as const;
/**
 * How a shell gets its commands: `command` (`-c STRING`), `script` (a file
 * argument), `stdin` (neither: its input, e.g. a pipe from curl), `interactive` (`-i`).
 */
export const SHELL_MODES = ['command', 'script', 'stdin', 'interactive'] as const;
export type ShellMode = (typeof SHELL_MODES)[number];

/**
 * Conditions on a normalised event; every key given must hold (lists: any
 * item matches, `...Not` lists: no item matches). Keys that do not apply to
 * an event's kind never match it (a rule on `path` never fires on a dns event).
 *
 * Conditions that excuse an event (every `except` entry, and the `...Not`
 * keys of a match) hold only on facts the package cannot fake: program
 * names and paths only of programs installed on the system (read-only),
 * never argv[0]; paths only as the kernel resolved them; all paths of the
 * event, not some. Conditions that blame accept any of them.
 */
export interface Conditions {
  readonly phase?: readonly PhaseName[];
  readonly by?: readonly Actor[];
  /**
   * Import and execute phases: the kind of the consumer's step the event
   * belongs to (load, call, construct, bin, wait); events outside any step
   * (install, dated loadings) never match.
   */
  readonly step?: readonly CallStep[];
  /**
   * What the step was handed: the kind of a call's argument (`none`,
   * `number`, `url`, …, docs/execute.md), a loading's condition, a bin's
   * argument. `argumentNot` excludes those.
   */
  readonly argument?: readonly string[];
  readonly argumentNot?: readonly string[];
  /** File access: read, write, or metadata (stat, access, readlink); one or a list. */
  readonly access?: FileAccess | readonly FileAccess[];
  /** File operations (open, rename, unlink, chmod, chown, truncate, mkdir, mknod, symlink, link, connect, stat, access, readlink). */
  readonly operation?: readonly FileOperation[];
  /**
   * Path globs: file paths (as resolved, and as requested), or the
   * executable's path for process events. `{package}` is the acting
   * package's folder, `{name}` its name, `{project}` the project folder.
   */
  readonly path?: readonly string[];
  readonly pathNot?: readonly string[];
  /** Globs over a file event's second path only: a rename's new name, what a link or symlink points at. */
  readonly target?: readonly string[];
  readonly targetNot?: readonly string[];
  /**
   * Program names (the executable's file name, argv[0], or the script a node
   * process runs), or path globs of the program (entries with a `/`).
   */
  readonly executable?: readonly string[];
  /** Globs over the command line (argv joined by spaces; `*` matches anything). */
  readonly argv?: readonly string[];
  readonly argvNot?: readonly string[];
  readonly parent?: ParentKind;
  readonly parentNot?: ParentKind;
  /** Program names (or path globs) of the acting process's ancestors (for non-process events: the process itself too). */
  readonly ancestor?: readonly string[];
  readonly ancestorNot?: readonly string[];
  /** Program names (or path globs) of the process that acted: for a process event the one that started it; none of its ancestors. */
  readonly actor?: readonly string[];
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
  /** Globs over the id of the honeytoken the event carries (`*` any part), e.g. `call-argument-*` for the secrets the execute phase hands to calls. */
  readonly token?: readonly string[];
  /** How a shell process gets its commands (process events of sh, bash, dash, zsh, ksh, fish, busybox). */
  readonly shell?: readonly ShellMode[];
  /**
   * The acting package does nothing more the trace can see in this phase
   * after the event: no program, connection, lookup, request, file change or
   * privileged call (what probing and then staying quiet looks like).
   */
  readonly quietAfter?: boolean;
}

interface RuleMatch extends Conditions {
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

/**
 * Accepts findings of some rules for one package (and version range), with
 * the reason why. With `hosts`, only the findings of events that went to
 * those hosts (DNS name globs: a lookup's name, a connection's, an HTTP Host,
 * a TLS server name); with `paths`, only of file events whose every path (as
 * the kernel touched it) is in those places; with `ports`, only of events
 * to those ports (a server's: the port its bind asked for). With `severity`, the findings
 * are not accepted but kept at that severity (e.g. a known vendor's
 * download: a warning naming the URL).
 */
export interface AllowEntry {
  readonly package: string;
  /** semver range the acting package's version must satisfy; any version when absent. */
  readonly version?: string;
  readonly rules: readonly string[];
  readonly phase?: readonly PhaseName[];
  /** Only events of these kinds of consumer steps (import and execute phases; e.g. `bin`: the package's own CLI run by the execute phase). */
  readonly step?: readonly CallStep[];
  readonly hosts?: readonly string[];
  readonly paths?: readonly string[];
  /** Only events to these ports (a server's: the port its bind asked for). */
  readonly ports?: readonly number[];
  readonly severity?: Severity;
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

/** One file's policy; failOn is absent when the file leaves it to earlier files (or the default, high). */
export type PolicyFile = Omit<Policy, 'sources' | 'failOn'> & { readonly failOn?: Severity };

/** Where the sandbox put things, for `~` and `{package}` in path globs, and the registry's hosts, for `{registry}` in name globs. */
export interface PolicyContext {
  readonly homeDir: string;
  readonly projectDir: string;
  readonly registryHosts?: readonly string[];
}
