/**
 * Each consumer step of a report's phases with what it did (pure): how many
 * events name it and the rules of the findings charged to it.
 */
import type { Finding } from '../../events/finding.js';
import type { TraceEvent } from '../../events/types.js';
import type { ReportPhase } from '../../report/report-model.js';

export function phasesWithCallEffects(phases: readonly ReportPhase[], events: readonly TraceEvent[], findings: readonly Finding[]): ReportPhase[] {
  const key = (phase: string, call: number): string => `${phase}\0${call}`;
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.attribution.call === undefined) continue;
    const at = key(event.phase, event.attribution.call);
    counts.set(at, (counts.get(at) ?? 0) + 1);
  }
  const rules = new Map<string, string[]>();
  for (const finding of findings) {
    if (finding.attribution.call === undefined) continue;
    const at = key(finding.phase, finding.attribution.call);
    const list = rules.get(at) ?? [];
    if (!list.includes(finding.rule)) list.push(finding.rule);
    rules.set(at, list);
  }
  return phases.map((phase) =>
    phase.calls === undefined
      ? phase
      : { ...phase, calls: phase.calls.map((call) => ({ ...call, events: counts.get(key(phase.name, call.index)) ?? 0, findings: rules.get(key(phase.name, call.index)) ?? [] })) },
  );
}
