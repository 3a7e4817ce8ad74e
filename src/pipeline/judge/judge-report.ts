/**
 * The judged part of a report (pure): findings, allowed findings and the
 * verdict from the policy, the rules behind them, and a timeline of the
 * notable events of each phase. Shared by `analyze` and re-judging.
 */
import type { Severity } from '../../events/finding.js';
import type { TraceEvent } from '../../events/types.js';
import { describeEvent } from '../../policy/describe-event.js';
import { judgeEvents, rulesPerEvent, type Policy, type PolicyContext } from '../../policy/index.js';
import type { AnalysisReport, ReportRule, TimelineEntry } from '../../report/report-model.js';

const MAX_TIMELINE_PER_PHASE = 200;

export type JudgedReport = Pick<AnalysisReport, 'verdict' | 'failOn' | 'findings' | 'allowed' | 'rules' | 'timeline'>;

export interface JudgeReportInput {
  readonly events: readonly TraceEvent[];
  readonly policy: Policy;
  readonly context: PolicyContext;
  readonly failOn: Severity;
  readonly versions: readonly { readonly name: string; readonly version: string }[];
}

/** Worth a line in a timeline: every process and network event, and packages' writes; reads only when a rule matched. */
function notable(event: TraceEvent, matched: boolean): boolean {
  if (matched || event.kind === 'process') return true;
  if (event.kind === 'file') return event.access === 'write' && event.attribution.via !== 'package-manager';
  return true;
}

export function buildTimeline(events: readonly TraceEvent[], matched: ReadonlyMap<TraceEvent, readonly string[]>): TimelineEntry[] {
  const start = new Map<string, number>();
  const count = new Map<string, number>();
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    if (!start.has(event.phase)) start.set(event.phase, event.timestampMs);
    const rules = matched.get(event);
    if (!notable(event, rules !== undefined)) continue;
    const used = count.get(event.phase) ?? 0;
    if (used >= MAX_TIMELINE_PER_PHASE) continue;
    count.set(event.phase, used + 1);
    entries.push({
      phase: event.phase,
      atMs: Math.max(0, event.timestampMs - (start.get(event.phase) ?? event.timestampMs)),
      kind: event.kind,
      pid: event.pid,
      attribution: event.attribution,
      text: describeEvent(event),
      ...(rules ? { rules } : {}),
    });
  }
  return entries;
}

export function judgeReport(input: JudgeReportInput): JudgedReport {
  const { events, policy, context, failOn } = input;
  const judgement = judgeEvents(events, policy, { context, failOn, versions: input.versions });
  const used = new Set([...judgement.findings, ...judgement.allowed].map((finding) => finding.rule));
  const rules: ReportRule[] = policy.rules
    .filter((rule) => used.has(rule.id))
    .map(({ id, category, severity, message, rationale }) => ({ id, category, severity, message, rationale }));
  return {
    verdict: judgement.verdict,
    failOn,
    findings: judgement.findings,
    allowed: judgement.allowed,
    rules,
    timeline: buildTimeline(events, rulesPerEvent(events, policy, context)),
  };
}
