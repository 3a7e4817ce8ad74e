/**
 * Turns a phase's events into findings (pure). npm's own work is never a
 * finding; each rule reports once per phase, package and summary, with the
 * distinct evidence lines it saw (capped).
 */
import type { Finding } from '../events/finding.js';
import type { TraceEvent } from '../events/types.js';
import { describeEvent, fillMessage } from './describe-event.js';
import { conditionsMatch, type MatchInput } from './match-conditions.js';
import type { Policy, PolicyContext, Rule } from './policy-types.js';
import { ProcessTree } from './process-tree.js';

const MAX_EVIDENCE = 10;

/** npm's own events never match; then the rule's match must hold and none of its exceptions. */
export function ruleMatches(rule: Rule, event: TraceEvent, input: MatchInput): boolean {
  if (event.kind !== rule.match.event || event.attribution.via === 'package-manager') return false;
  if (!conditionsMatch(rule.match, event, input)) return false;
  return !(rule.except ?? []).some((conditions) => conditionsMatch(conditions, event, input));
}

export function evaluatePolicy(events: readonly TraceEvent[], policy: Policy, context: PolicyContext): Finding[] {
  const tree = new ProcessTree(events);
  const findings = new Map<string, { finding: Finding; evidence: string[] }>();
  for (const event of events) {
    for (const rule of policy.rules) {
      if (!ruleMatches(rule, event, { tree, context })) continue;
      const summary = fillMessage(rule.message, event);
      const key = JSON.stringify([rule.id, event.phase, event.attribution.package, summary]);
      let entry = findings.get(key);
      if (!entry) {
        entry = {
          evidence: [],
          finding: {
            rule: rule.id,
            category: rule.category,
            severity: rule.severity,
            phase: event.phase,
            summary,
            evidence: [],
            attribution: event.attribution,
          },
        };
        findings.set(key, entry);
      }
      const line = describeEvent(event);
      if (entry.evidence.length < MAX_EVIDENCE && !entry.evidence.includes(line)) entry.evidence.push(line);
    }
  }
  return [...findings.values()].map(({ finding, evidence }) => ({ ...finding, evidence }));
}
