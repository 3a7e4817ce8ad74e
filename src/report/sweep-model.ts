/**
 * The report of a nightly sweep (`dynaudit sweep`, JSON `kind: "sweep"`):
 * what changed since the last sweep first, then the new releases watch
 * found (each against the locked version), then every project's lockfile
 * report.
 */
import type { Severity, Verdict } from '../events/finding.js';
import type { Behaviour, DiffReport } from './diff-model.js';
import type { LockfileReport } from './lockfile-model.js';

/** A finding as the sweep history keeps it. */
export interface RecordedFinding {
  /** What makes it the same finding in another run or version (see src/diff/finding-key.ts). */
  readonly key: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly summary: string;
}

/** What a package does now that it (or its earlier versions) did not. */
export interface AddedBehaviour extends Behaviour {
  readonly findings: readonly RecordedFinding[];
}

export interface PackageChange {
  readonly name: string;
  readonly version: string;
  readonly verdict: Verdict;
  /** New versions: the versions the last sweep had. */
  readonly previousVersions?: readonly string[];
  /** Verdict changes: the verdict the last sweep gave the same version. */
  readonly previousVerdict?: Verdict;
  readonly added: AddedBehaviour;
}

export interface ProjectChanges {
  readonly newPackages: readonly PackageChange[];
  readonly newVersions: readonly PackageChange[];
  readonly removedPackages: readonly { readonly name: string; readonly version: string }[];
  readonly verdictChanges: readonly PackageChange[];
  /** Same version, new behaviour or findings (analyzed again, or judged by a changed policy). */
  readonly newBehaviour: readonly PackageChange[];
  /** `name@version` of the releases watch reports for the first time. */
  readonly newReleases: readonly string[];
}

/** A release newer than the locked version that the declared spec (`wanted`) or the `latest` tag would take. */
export interface WatchedRelease {
  readonly name: string;
  readonly locked: string;
  /** null when the registry could not be asked (see error). */
  readonly version: string | null;
  readonly why: 'wanted' | 'latest';
  /** The spec declared for it, and by whom (`null`: the project itself). */
  readonly spec: string;
  readonly dependant: string | null;
  readonly published?: string;
  /** First reported in this sweep. */
  readonly isNew: boolean;
  /** The diff's verdict: fail when the release adds a finding at or above failOn to what the locked version does. */
  readonly verdict: Verdict;
  /** The release against the locked version, each with its whole tree. */
  readonly diff?: DiffReport;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface SweepProjectReport {
  readonly name: string;
  /** As given in the sweep file's folder. */
  readonly lockfile: string;
  /** null: the first sweep of this project, nothing to compare with. */
  readonly changes: ProjectChanges | null;
  readonly comparedWith: { readonly run: string; readonly startedAt: string } | null;
  readonly releases: readonly WatchedRelease[];
  readonly report?: LockfileReport;
  /** The project could not be analyzed at all (its lockfile missing or unreadable). */
  readonly error?: { readonly code: string; readonly message: string };
}

/** A failing package or release that was not failing in the last sweep. */
export interface NewFailure {
  readonly project: string;
  readonly kind: 'locked' | 'release';
  readonly name: string;
  readonly version: string;
  readonly findings: readonly RecordedFinding[];
}

export interface SweepSummary {
  readonly projects: number;
  readonly packages: number;
  readonly analyzed: number;
  readonly cached: number;
  readonly fail: number;
  readonly error: number;
  readonly releases: number;
  readonly newFailures: number;
  /** fail: something new fails; error: something could not be analyzed; else warn or pass. */
  readonly verdict: Verdict;
  readonly durationMs: number;
}

export interface SweepReport {
  readonly schemaVersion: 1;
  readonly kind: 'sweep';
  readonly tool: { readonly name: 'dynaudit'; readonly version: string };
  readonly sweep: {
    readonly file: string;
    readonly run: string;
    readonly startedAt: string;
    /** This run continued an interrupted one. */
    readonly resumed: boolean;
  };
  readonly failOn: Severity;
  readonly summary: SweepSummary;
  readonly newFailures: readonly NewFailure[];
  readonly projects: readonly SweepProjectReport[];
}

/** One package's history over recent sweeps: a point where it first appeared and wherever its versions, verdict or behaviour changed. */
export interface PackageHistory {
  readonly project: string;
  readonly kind: 'locked' | 'release';
  readonly name: string;
  readonly points: readonly HistoryPoint[];
}

export interface HistoryPoint {
  readonly run: string;
  readonly at: string;
  /** Empty when the package was gone in that run. */
  readonly versions: readonly string[];
  readonly verdict: Verdict | null;
  /** What it did (behaviour or findings) differs from the point before. */
  readonly behaviourChanged: boolean;
}
