/**
 * What makes two findings the same across versions and runs (pure): the
 * package whose doing it is, the rule, the phase and the summary with its
 * numbers (pids, ports, the fake internet's sinkhole addresses) left out.
 */
import type { Finding } from '../events/finding.js';

export function findingKey(finding: Finding): string {
  return [finding.attribution.package ?? '', finding.rule, finding.phase, finding.summary.replace(/\d+/g, 'N')].join('|');
}
