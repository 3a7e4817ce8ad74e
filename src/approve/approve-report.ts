/** The result of `dynaudit approve` (JSON `schemaVersion: 1`, `kind: "approve"`; schemas/approve.schema.json). */
import type { Action, ApprovalState, Manager, ScriptVerdict } from './types.js';

export type ApproveMode = 'write' | 'dry-run' | 'check';

export interface ApproveEntry {
  readonly name: string;
  readonly version: string;
  /** LavaMoat's canonical name, when the manager is lavamoat. */
  readonly path?: string;
  /** What the project's files said before this run. */
  readonly current: ApprovalState;
  /** The entry behind `current`. */
  readonly key?: string;
  /** Absent in check mode for scripts the project does not approve (they are not analyzed). */
  readonly action?: Action;
  readonly verdict?: ScriptVerdict;
  readonly reasons?: readonly string[];
}

/** An approval `--check` refuses. */
export interface CheckProblem {
  readonly name: string;
  readonly version: string;
  readonly problem: 'approved-failing' | 'approved-unanalyzed';
  readonly verdict: ScriptVerdict;
  readonly key: string | null;
  /** 1-based line of the approving entry in `file`, when found. */
  readonly line: number | null;
  readonly reasons: readonly string[];
}

export interface ApproveReport {
  readonly schemaVersion: 1;
  readonly kind: 'approve';
  readonly tool: { readonly name: 'dynaudit'; readonly version: string };
  readonly mode: ApproveMode;
  readonly project: string;
  readonly manager: { readonly name: Manager; readonly version: string | null; readonly detectedBy: string; readonly setting: string };
  readonly lockfile: { readonly path: string; readonly format: string };
  /** The file approvals are written to, relative to the project. */
  readonly file: string;
  readonly entries: readonly ApproveEntry[];
  readonly summary: { readonly scripts: number; readonly approve: number; readonly deny: number; readonly review: number };
  readonly notes: readonly string[];
  /** The change to `file` (a unified diff; empty when nothing changes); absent in check mode. */
  readonly change?: { readonly diff: string; readonly written: boolean };
  readonly check?: { readonly passed: boolean; readonly problems: readonly CheckProblem[] };
}
