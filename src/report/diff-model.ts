/**
 * The behavioural difference of two versions (`dynaudit diff`, and each new
 * release a sweep finds): JSON `{schemaVersion: 1, kind: "diff", from, to,
 * added, removed}`. A version's behaviour is that of its whole tree: the
 * package and every package its install brings.
 */
import type { Finding, Severity, Verdict } from '../events/finding.js';

/** What a package was seen doing, as sets that compare across versions (see src/diff/behaviour.ts). */
export interface Behaviour {
  /** Host names (or address:port) it connected or sent requests to. */
  readonly hosts: readonly string[];
  readonly dnsNames: readonly string[];
  /** Programs run, by name and argument shape (`node beacon.js`, `curl -s http://x.example/?id=N`). */
  readonly processes: readonly string[];
  /** Paths written outside the package's own folder and npm's cache (`~` the home, `{project}` the project). */
  readonly filesWritten: readonly string[];
  /** Planted credentials (and process environments) read. */
  readonly credentialsRead: readonly string[];
  /** The commands npm ran as the package's lifecycle scripts. */
  readonly installScripts: readonly string[];
}

export interface DiffSide {
  readonly name: string;
  readonly version: string;
  readonly integrity: string;
  /** The worst verdict in its tree. */
  readonly verdict: Verdict;
  /** Packages in its tree, itself included. */
  readonly packages: number;
  /** Every analysis came from the result store. */
  readonly stored: boolean;
}

/** A finding, with the package (name@version) whose doing it is. */
export interface DiffFinding extends Finding {
  readonly package: string;
}

export interface BehaviourChanges extends Behaviour {
  readonly findings: readonly DiffFinding[];
  /** name@version of packages in one tree and not in the other. */
  readonly dependencies: readonly string[];
}

export interface DiffReport {
  readonly schemaVersion: 1;
  readonly kind: 'diff';
  readonly tool: { readonly name: 'dynaudit'; readonly version: string };
  readonly from: DiffSide;
  readonly to: DiffSide;
  readonly failOn: Severity;
  /** fail: `to` adds a finding at or above failOn; warn: it adds anything else; pass: it adds nothing. */
  readonly verdict: Exclude<Verdict, 'error'>;
  readonly added: BehaviourChanges;
  readonly removed: BehaviourChanges;
}
