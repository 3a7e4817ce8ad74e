/**
 * Events -> findings, allowlisted findings and a verdict (pure): the whole
 * policy step, shared by `analyze` and by re-judging stored analyses.
 */
import type { AllowedFinding, Finding, Severity, Verdict } from '../events/finding.js';
import type { TraceEvent } from '../events/types.js';
import { applyAllowlist } from './apply-allowlist.js';
import { decideVerdict } from './decide-verdict.js';
import { evaluatePolicy } from './evaluate-policy.js';
import type { Policy, PolicyContext } from './policy-types.js';

export interface JudgeOptions {
  readonly context: PolicyContext;
  readonly failOn: Severity;
  /** Installed packages (the analyzed one included), for allowlist version ranges. */
  readonly versions: readonly { readonly name: string; readonly version: string }[];
}

export interface Judgement {
  readonly findings: Finding[];
  readonly allowed: AllowedFinding[];
  readonly verdict: Exclude<Verdict, 'error'>;
}

export function judgeEvents(events: readonly TraceEvent[], policy: Policy, options: JudgeOptions): Judgement {
  const versionsByName = new Map<string, string[]>();
  for (const { name, version } of options.versions) {
    const known = versionsByName.get(name) ?? [];
    if (!known.includes(version)) known.push(version);
    versionsByName.set(name, known);
  }
  const versionsOf = (name: string): string[] => versionsByName.get(name) ?? [];
  const { findings, allowed } = applyAllowlist(evaluatePolicy(events, policy, options.context, versionsOf), policy.allow ?? [], versionsOf);
  return { findings, allowed, verdict: decideVerdict(findings, options.failOn) };
}
