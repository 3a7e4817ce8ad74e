/**
 * Turns a phase's events into findings (pure). npm's own work is never a
 * finding; each rule reports once per phase, package and summary, with the
 * distinct evidence lines it saw (capped).
 */
import path from 'node:path';
import type { Finding } from '../events/finding.js';
import type { TraceEvent } from '../events/types.js';
import { addressInAny } from './address-range.js';
import { matchesAnyGlob } from './glob.js';
import type { Policy, PolicyContext, Rule } from './policy-types.js';
import { ProcessTree } from './process-tree.js';
import { describeEvent, fillMessage } from './describe-event.js';

const MAX_EVIDENCE = 10;

function ruleMatches(rule: Rule, event: TraceEvent, tree: ProcessTree, context: PolicyContext): boolean {
  const match = rule.match;
  if (event.kind !== match.event || event.attribution.via === 'package-manager') return false;
  if (match.by && !match.by.includes(event.attribution.via)) return false;
  const packageName = event.attribution.package;
  if (event.kind === 'file') {
    if (match.access && event.access !== match.access) return false;
    const paths = event.target ? [event.path, event.target] : [event.path];
    if (match.path && !paths.some((p) => matchesAnyGlob(p, match.path ?? [], context, packageName))) return false;
    if (match.pathNot && paths.every((p) => matchesAnyGlob(p, match.pathNot ?? [], context, packageName))) return false;
  }
  if (event.kind === 'process') {
    const names = [path.posix.basename(event.executable), path.posix.basename(event.argv[0] ?? '')];
    if (match.executable && !names.some((name) => match.executable?.includes(name))) return false;
    if (match.parentNot === 'package-manager' && tree.parentAttribution(event)?.via === 'package-manager') return false;
    if (match.ancestorNot && tree.ancestors(event).some((name) => match.ancestorNot?.includes(name))) return false;
  }
  if (event.kind === 'connect' && match.addressNot && addressInAny(event.address, match.addressNot)) return false;
  return true;
}

export function evaluatePolicy(events: readonly TraceEvent[], policy: Policy, context: PolicyContext): Finding[] {
  const tree = new ProcessTree(events);
  const findings = new Map<string, { finding: Finding; evidence: string[] }>();
  for (const event of events) {
    for (const rule of policy.rules) {
      if (!ruleMatches(rule, event, tree, context)) continue;
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
