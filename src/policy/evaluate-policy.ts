/**
 * Turns a phase's events into findings (pure). npm's own work is never a
 * finding; each rule reports once per phase, package and summary, with the
 * distinct evidence lines it saw (capped). Allowlist entries that name hosts
 * or a severity apply here, event by event (entry-scope.ts); plain entries
 * apply to whole findings afterwards (apply-allowlist.ts).
 */
import type { AllowedFinding, Finding } from '../events/finding.js';
import type { TraceEvent } from '../events/types.js';
import { describeEvent, fillMessage } from './describe-event.js';
import { eventScope, type VersionsOf } from './entry-scope.js';
import { conditionsMatch, type MatchInput } from './match-conditions.js';
import type { Policy, PolicyContext, Rule } from './policy-types.js';
import { ProcessTree } from './process-tree.js';
import { quietAfter } from './quiet-after.js';

const MAX_EVIDENCE = 10;

/** npm's own events never match; then the rule's match must hold and none of its exceptions. */
export function ruleMatches(rule: Rule, event: TraceEvent, input: MatchInput): boolean {
  if (event.kind !== rule.match.event || event.attribution.via === 'package-manager') return false;
  if (!conditionsMatch(rule.match, event, input)) return false;
  return !(rule.except ?? []).some((conditions) => conditionsMatch(conditions, event, input, 'excuse'));
}

/** What evaluation needs besides events and policy; `versionsOf` lets entries with a version range apply. */
function matchInput(events: readonly TraceEvent[], context: PolicyContext): MatchInput {
  return { tree: new ProcessTree(events), context, quietAfter: quietAfter(events) };
}

/** Findings, some of them accepted (AllowedFinding, by an entry with hosts) or kept at an entry's severity. */
export function evaluatePolicy(
  events: readonly TraceEvent[],
  policy: Policy,
  context: PolicyContext,
  versionsOf: VersionsOf = () => [],
): (Finding | AllowedFinding)[] {
  const input = matchInput(events, context);
  const findings = new Map<string, { finding: Finding | AllowedFinding; evidence: string[] }>();
  for (const event of events) {
    for (const rule of policy.rules) {
      if (!ruleMatches(rule, event, input)) continue;
      const summary = fillMessage(rule.message, event);
      const scope = eventScope(rule, event, policy.allow ?? [], versionsOf, context);
      const key = JSON.stringify([rule.id, event.phase, event.attribution.package, summary, scope.key]);
      let entry = findings.get(key);
      if (!entry) {
        const finding: Finding = {
          rule: rule.id,
          category: rule.category,
          severity: scope.severity ?? rule.severity,
          phase: event.phase,
          summary,
          evidence: [],
          attribution: event.attribution,
          ...(scope.downgradedBy ? { downgradedBy: { ...scope.downgradedBy, from: rule.severity } } : {}),
        };
        entry = { evidence: [], finding: scope.allowedBy ? { ...finding, allowedBy: scope.allowedBy } : finding };
        findings.set(key, entry);
      }
      const line = describeEvent(event);
      if (entry.evidence.length < MAX_EVIDENCE && !entry.evidence.includes(line)) entry.evidence.push(line);
    }
  }
  return [...findings.values()].map(({ finding, evidence }) => ({ ...finding, evidence }));
}
