/** The report of one analysis: the JSON contract of DESIGN.md (schemaVersion 1). */
import type { Finding, Severity, Verdict } from '../events/finding.js';
import type { Attribution, PhaseName } from '../events/types.js';

export interface ReportPhase {
  readonly name: PhaseName;
  readonly status: 'completed' | 'failed' | 'timeout';
  readonly durationMs: number;
  readonly exitCode: number | null;
  /** Last lines the phase printed, for a failed or timed-out phase. */
  readonly outputTail?: string;
}

export interface ObservedProcess {
  readonly phase: PhaseName;
  readonly pid: number;
  readonly parentPid: number | null;
  readonly argv: readonly string[];
  readonly attribution: Attribution;
  readonly ok: boolean;
  readonly error?: string;
}

export interface ObservedConnection {
  readonly phase: PhaseName;
  readonly pid: number;
  readonly address: string;
  readonly port: number;
  readonly protocol: string;
  readonly attribution: Attribution;
  readonly ok: boolean;
  readonly error?: string;
}

export interface ObservedDnsQuery {
  readonly phase: PhaseName;
  readonly pid: number;
  readonly name: string | null;
  readonly type: string | null;
  readonly server: string;
  readonly attribution: Attribution;
}

export interface ObservedSummary {
  readonly processes: readonly ObservedProcess[];
  /** Processes beyond the listed ones, dropped to keep the report small. */
  readonly processesOmitted: number;
  readonly files: {
    readonly reads: number;
    readonly writes: number;
    /** Writes by the packages' own code (not npm's), distinct paths, capped. */
    readonly writtenByPackages: readonly string[];
  };
  readonly network: readonly ObservedConnection[];
  readonly dns: readonly ObservedDnsQuery[];
}

export interface AnalysisReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'dynaudit'; readonly version: string };
  readonly package: { readonly name: string; readonly version: string; readonly integrity: string; readonly source: string };
  readonly verdict: Verdict;
  readonly failOn: Severity;
  readonly phases: readonly ReportPhase[];
  readonly findings: readonly Finding[];
  readonly observed: ObservedSummary;
  /** Every package of the installed tree that has install scripts (what a user must approve). */
  readonly installScripts: readonly { readonly name: string; readonly version: string }[];
  readonly sandbox: { readonly image: string; readonly runtime: string };
  readonly startedAt: string;
  readonly durationMs: number;
}
