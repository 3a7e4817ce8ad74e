/** The report of one analysis: the JSON contract of DESIGN.md (schemaVersion 1). */
import type { AllowedFinding, Finding, FindingCategory, Severity, Verdict } from '../events/finding.js';
import type { Attribution, CallStep, PhaseName } from '../events/types.js';

export interface ReportPhase {
  readonly name: PhaseName;
  readonly status: 'completed' | 'failed' | 'timeout';
  readonly durationMs: number;
  readonly exitCode: number | null;
  /** The phase ran with the clock this many days ahead (the dated loadings of time-acceleration.ts). */
  readonly daysAhead?: number;
  /** Last lines the phase printed, for a failed or timed-out phase. */
  readonly outputTail?: string;
  /** import and execute: each step of the consumer (a loading, a call, a bin run), in order; events name theirs (attribution.call). */
  readonly calls?: readonly PhaseCall[];
}

export type CallOutcome = 'returned' | 'threw' | 'timeout' | 'crashed' | 'unfinished';

/** A step of the consumer and what it did. */
export interface PhaseCall {
  readonly index: number;
  readonly step: CallStep;
  /** What was loaded, called or run, e.g. `lib`, `require('lib').sign`, `new import('lib').Client`, `lib-cli --help`. */
  readonly target: string;
  /** load: the condition (require or import); call and construct: the kind of argument (none, base58-secret-key, url, …); bin: its argument (none, --help, --version). */
  readonly argument: string;
  /** returned (its promise settled, its iterator drained), threw (rejected, or the bin exited non-zero), timeout (past its budget; or past its step limit, when the watchdog ended the consumer), crashed (the consumer died under it and was started again after it), unfinished (the phase ended under it). */
  readonly outcome: CallOutcome;
  /** What it threw, or how a bin ended. */
  readonly detail?: string;
  readonly durationMs: number;
  /** How many events it caused (reports only: counted from the events). */
  readonly events?: number;
  /** The rules of the findings it caused (reports only: judged from the events). */
  readonly findings?: readonly string[];
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
  /** The name the fake internet's DNS answered with this address. */
  readonly hostname?: string;
  /** Bytes the fake internet received on the connection (TCP) or in its datagrams (UDP). */
  readonly bytesSent?: number;
  /** The first of those bytes, printable ASCII kept and the rest escaped. */
  readonly firstBytes?: string;
}

interface ObservedDnsQuery {
  readonly phase: PhaseName;
  readonly pid: number;
  readonly name: string | null;
  readonly type: string | null;
  readonly server: string;
  readonly attribution: Attribution;
  /** The fake internet's answer (a sinkhole address). */
  readonly answer?: string;
}

/** An HTTP request the fake internet received. */
export interface ObservedHttpRequest {
  readonly phase: PhaseName;
  readonly pid: number;
  readonly method: string;
  readonly url: string;
  readonly host: string | null;
  readonly path: string;
  readonly address: string;
  readonly port: number;
  readonly hostname?: string;
  readonly bodyBytes: number;
  readonly bodyExcerpt: string;
  readonly attribution: Attribution;
}

/** A TLS ClientHello the fake internet received. */
export interface ObservedTlsHello {
  readonly phase: PhaseName;
  readonly pid: number;
  readonly sni: string | null;
  readonly alpn: readonly string[];
  readonly address: string;
  readonly port: number;
  readonly hostname?: string;
  readonly attribution: Attribution;
}

/** A honeytoken found in what a process sent. */
export interface ObservedExfiltration {
  readonly phase: PhaseName;
  readonly pid: number;
  /** The planted token's id (e.g. npm-token) and what it is. */
  readonly token: string;
  readonly tokenLabel: string;
  readonly channel: string;
  readonly location: string;
  readonly destination: string;
  readonly encoding: string;
  readonly matchedChars: number;
  readonly tokenChars: number;
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
  /** What the fake internet caught (absent in reports of runs without it). */
  readonly http?: readonly ObservedHttpRequest[];
  readonly tls?: readonly ObservedTlsHello[];
  readonly exfiltration?: readonly ObservedExfiltration[];
}

/** The fake internet of a run: what it recorded and whether its two records agree. */
export interface FakenetReport {
  readonly enabled: boolean;
  /** Why it was off, when it was. */
  readonly reason?: string;
  readonly dnsQueries?: number;
  readonly connections?: number;
  readonly packets?: number;
  /** The sink's log against the pcap (see src/fakenet/cross-check.ts). */
  readonly crossCheck?: {
    readonly consistent: boolean;
    readonly problems: readonly string[];
  };
  /** Problems collecting the capture. */
  readonly problems?: readonly string[];
  /** Where the run's pcap and sink log were kept (`--artifacts DIR`). */
  readonly artifacts?: { readonly pcap: string; readonly sinkLog: string };
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
  /** The fake internet (fakenet sidecar) of the run. */
  readonly fakenet?: FakenetReport;
  /** Findings an allowlist entry accepted, with its reason; they do not count for the verdict. */
  readonly allowed?: readonly AllowedFinding[];
  /** The policy rules behind the findings (and allowed findings), with their rationale. */
  readonly rules?: readonly ReportRule[];
  /** Notable events of each phase in time order (capped), for timelines. */
  readonly timeline?: readonly TimelineEntry[];
}

export interface ReportRule {
  readonly id: string;
  readonly category: FindingCategory;
  readonly severity: Severity;
  readonly message: string;
  readonly rationale: string;
}

export interface TimelineEntry {
  readonly phase: PhaseName;
  /** Milliseconds since the phase's first traced event. */
  readonly atMs: number;
  readonly kind: string;
  readonly pid: number;
  readonly attribution: Attribution;
  /** The event as one line (the same wording as finding evidence). */
  readonly text: string;
  /** Ids of the rules it matched, if any. */
  readonly rules?: readonly string[];
}
