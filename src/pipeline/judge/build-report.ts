/**
 * The one report builder: an analysis (just finished or read from the
 * store) judged against a policy (pure). Judging is cheap, so a changed
 * policy re-judges stored events without running a sandbox, and a report
 * from the store is the report a fresh run gives.
 */
import type { Severity } from '../../events/finding.js';
import type { Policy } from '../../policy/index.js';
import type { AnalysisReport } from '../../report/report-model.js';
import { summarizeEvents } from '../../report/summarize-events.js';
import type { StoredAnalysis } from '../../store/result-store.js';
import { phasesWithCallEffects } from './call-effects.js';
import { judgeReport } from './judge-report.js';
import { sandboxPolicyContext } from './policy-context.js';

export function buildReport(analysis: StoredAnalysis, policy: Policy, failOn: Severity): AnalysisReport {
  const judged = judgeReport({
    events: analysis.events,
    policy,
    context: sandboxPolicyContext(),
    failOn,
    versions: [{ name: analysis.name, version: analysis.version }, ...analysis.versions],
  });
  return {
    schemaVersion: 1,
    tool: { name: 'dynaudit', version: analysis.key.analyzerVersion },
    package: { name: analysis.name, version: analysis.version, integrity: analysis.integrity, source: analysis.source },
    verdict: judged.verdict,
    failOn,
    phases: phasesWithCallEffects(analysis.phases, analysis.events, judged.findings),
    findings: judged.findings,
    observed: summarizeEvents(analysis.events),
    installScripts: analysis.installScripts,
    sandbox: { image: analysis.key.image, runtime: analysis.key.runtime },
    startedAt: analysis.startedAt,
    durationMs: analysis.durationMs,
    fakenet: analysis.fakenet,
    ...(judged.allowed ? { allowed: judged.allowed } : {}),
    ...(judged.rules ? { rules: judged.rules } : {}),
    ...(judged.timeline ? { timeline: judged.timeline } : {}),
  };
}
