/** What the policy concludes from events; shared by policy, report and pipeline. */
import type { Attribution, PhaseName } from './types.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The closed set of finding categories (DESIGN.md). */
export const FINDING_CATEGORIES = [
  'network',
  'dns',
  'download',
  'exfiltration',
  'credential-access',
  'spawn',
  'persistence',
  'file-write',
  'resource-abuse',
  'evasion',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export interface Finding {
  readonly rule: string;
  readonly category: FindingCategory;
  readonly severity: Severity;
  readonly phase: PhaseName;
  readonly summary: string;
  readonly evidence: readonly string[];
  readonly attribution: Attribution;
  /** Set when an allowlist entry kept the finding at a lower severity (e.g. a known vendor's download host). */
  readonly downgradedBy?: {
    readonly package: string;
    readonly version?: string;
    readonly reason: string;
    readonly source?: string;
    /** The rule's own severity. */
    readonly from: Severity;
  };
}

export type Verdict = 'pass' | 'warn' | 'fail' | 'error';

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** A finding an allowlist entry accepted: reported, but not counted in the verdict. */
export interface AllowedFinding extends Finding {
  readonly allowedBy: {
    readonly package: string;
    /** The entry's semver range, when it has one. */
    readonly version?: string;
    readonly reason: string;
    /** Policy file of the entry. */
    readonly source?: string;
  };
}
