/** Which rules each event matched (pure), for timelines that mark the events behind findings. */
import type { TraceEvent } from '../events/types.js';
import { ruleMatches } from './evaluate-policy.js';
import type { Policy, PolicyContext } from './policy-types.js';
import { ProcessTree } from './process-tree.js';

export function rulesPerEvent(events: readonly TraceEvent[], policy: Policy, context: PolicyContext): Map<TraceEvent, string[]> {
  const tree = new ProcessTree(events);
  const matched = new Map<TraceEvent, string[]>();
  for (const event of events) {
    const ids = policy.rules.filter((rule) => ruleMatches(rule, event, { tree, context })).map((rule) => rule.id);
    if (ids.length > 0) matched.set(event, ids);
  }
  return matched;
}
