/**
 * What `dynaudit approve` works with: the lockfile's packages that have
 * install scripts, one decision per package version (from its verdict), and
 * how each package manager treats a package given the project's files.
 */
import type { Verdict } from '../events/finding.js';

export const MANAGERS = ['npm', 'pnpm', 'bun', 'yarn', 'lavamoat'] as const;
export type Manager = (typeof MANAGERS)[number];

/** A package version of the lockfile whose install scripts need a decision. */
export interface ScriptedPackage {
  /** The lockfile package's id (`name@version#integrity`). */
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** LavaMoat's canonical name: the preferred dependency path from the project (`a>b`); the name for a direct dependency. */
  readonly path: string;
}

/** approve: the tool may run its scripts; deny: explicitly never; review: left undecided for a person. */
export type Action = 'approve' | 'deny' | 'review';

/** The verdict the decision rests on (`unanalyzed` when there is none). */
export type ScriptVerdict = Verdict | 'unanalyzed';

export interface Decision {
  readonly pkg: ScriptedPackage;
  readonly action: Action;
  readonly verdict: ScriptVerdict;
  /** The behaviour behind the verdict: findings' summaries (or why there is no verdict). */
  readonly reasons: readonly string[];
}

/** How a package manager treats a package's install scripts given the project's files. */
export type ApprovalState = 'allowed' | 'denied' | 'unset';

export interface ApprovalLookup {
  readonly state: ApprovalState;
  /** The entry that decides it (absent when nothing does, or the tool's default does). */
  readonly key?: string;
}

/** The project's files an approval format reads or writes; null when absent. */
export interface ProjectFiles {
  readonly 'package.json': string;
  /** The lockfile read (its file name and text). */
  readonly lockfile: { readonly name: string; readonly text: string };
  readonly 'pnpm-workspace.yaml': string | null;
  readonly '.yarnrc.yml': string | null;
}

type ProjectFileName = Exclude<keyof ProjectFiles, 'lockfile'>;

/** One manager's approval format (pure): how to read it and how to write decisions into it. */
export interface ApprovalFormat {
  readonly manager: Manager;
  /** What is written, for people (e.g. `allowScripts in package.json`). */
  readonly describe: string;
  /** The file decisions are written to. */
  readonly file: ProjectFileName;
  lookup(files: ProjectFiles, pkg: ScriptedPackage): ApprovalLookup;
  /** The file's new text with the approve and deny decisions applied, formatting and comments kept; notes say what could not be written as asked. */
  apply(files: ProjectFiles, decisions: readonly Decision[]): { readonly text: string; readonly notes: readonly string[] };
  /** 1-based line of an entry in the file, for SARIF; null when not found. */
  lineOf(files: ProjectFiles, key: string): number | null;
}
