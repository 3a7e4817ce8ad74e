/** A behaviour change as labelled lines (pure), shared by the text, Markdown and HTML forms of diffs and sweeps. */
import type { Severity } from '../events/finding.js';
import type { Behaviour } from './diff-model.js';

const LABELS: readonly [keyof Behaviour, string][] = [
  ['hosts', 'host'],
  ['dnsNames', 'DNS name'],
  ['processes', 'process'],
  ['filesWritten', 'file written'],
  ['credentialsRead', 'credential read'],
  ['installScripts', 'install script'],
];

export interface ChangeLine {
  /** `finding`, `host`, `DNS name`, `process`, …, `dependency`. */
  readonly label: string;
  readonly text: string;
  /** Findings only. */
  readonly severity?: Severity;
}

/** `HIGH ` before a finding's text. */
export function severityPrefix(line: ChangeLine): string {
  return line.severity ? `${line.severity.toUpperCase()} ` : '';
}

/** Behaviour added or removed, with findings (and dependencies, in a diff). */
export interface ChangeSet extends Behaviour {
  readonly findings: readonly { readonly severity: Severity; readonly summary: string; readonly rule: string; readonly package?: string }[];
  readonly dependencies?: readonly string[];
}

/** Findings first (most severe first, as given), then dependencies, then each kind of behaviour. */
export function changeLines(changes: ChangeSet): ChangeLine[] {
  return [
    ...changes.findings.map((finding) => ({
      label: 'finding',
      severity: finding.severity,
      text: `${finding.summary} [${finding.rule}]${finding.package ? ` (${finding.package})` : ''}`,
    })),
    ...(changes.dependencies ?? []).map((dependency) => ({ label: 'dependency', text: dependency })),
    ...LABELS.flatMap(([kind, label]) => changes[kind].map((text) => ({ label, text }))),
  ];
}
