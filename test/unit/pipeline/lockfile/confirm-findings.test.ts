import test from 'ava';
import type { Finding } from '../../../../src/events/finding.js';
import { needsConfirmation, unconfirmedFindings } from '../../../../src/pipeline/lockfile/confirm-findings.js';
import type { AnalysisReport } from '../../../../src/report/report-model.js';

const finding = (rule: string, phase: Finding['phase'] = 'import'): Finding => ({
  rule,
  category: 'network',
  severity: 'high',
  phase,
  summary: rule,
  evidence: [],
  attribution: { package: 'some-package', via: 'import' },
});
const reportWith = (findings: Finding[]): AnalysisReport => ({ findings, allowed: [] }) as unknown as AnalysisReport;

test('a batch finding from the trace is held until the package shows it alone', (t) => {
  t.true(needsConfirmation(reportWith([finding('network-connect')])));
});

test('an install script note and a platform override are the package\'s own and need no second run', (t) => {
  t.false(needsConfirmation(reportWith([finding('install-script', 'install'), finding('platform-override')])));
  t.false(needsConfirmation(reportWith([])));
});

test('a finding the package did not show alone in the same phase is unconfirmed', (t) => {
  const batch = reportWith([finding('network-connect'), finding('dns-lookup')]);
  const alone = reportWith([finding('dns-lookup'), finding('network-connect', 'install')]);
  t.deepEqual(unconfirmedFindings(batch, alone).map((f) => f.rule), ['network-connect']);
});
