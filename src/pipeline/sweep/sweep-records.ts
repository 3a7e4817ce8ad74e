/**
 * A sweep's records of a project (what the history keeps): every locked
 * package with its verdict, findings and behaviour. Behaviour is read from
 * the stored events only when the analysis differs from the one the last
 * sweep recorded; an unchanged package costs no events read.
 */
import { findingKey } from '../../diff/finding-key.js';
import type { Finding } from '../../events/finding.js';
import type { RecordedFinding } from '../../report/sweep-model.js';
import type { SweepRecord } from '../../store/sweep-history.js';
import { analysisIdentity, storedBehaviour, type JudgedPackage } from '../diff/judged-tree.js';
import type { SweepContext } from './sweep-context.js';

export function recorded(findings: readonly Finding[]): RecordedFinding[] {
  return findings.map((finding) => ({ key: findingKey(finding), rule: finding.rule, severity: finding.severity, summary: finding.summary }));
}

export function lockedRecords(project: string, judged: readonly JudgedPackage[], previous: readonly SweepRecord[], context: SweepContext): SweepRecord[] {
  const earlier = new Map(previous.filter((record) => record.kind === 'locked').map((record) => [`${record.name}@${record.version} ${record.analysis}`, record]));
  return judged.map((entry) => {
    const analysis = analysisIdentity(entry);
    const reuse = analysis === '' ? undefined : earlier.get(`${entry.pkg.name}@${entry.pkg.version} ${analysis}`);
    return {
      project,
      kind: 'locked',
      name: entry.pkg.name,
      version: entry.pkg.version,
      lockedVersion: null,
      integrity: entry.report.package.integrity,
      analysis,
      verdict: entry.report.verdict,
      findings: 'findings' in entry.report ? recorded(entry.report.findings) : [],
      behaviour: reuse?.behaviour ?? storedBehaviour(context.deps.store, entry),
    };
  });
}
