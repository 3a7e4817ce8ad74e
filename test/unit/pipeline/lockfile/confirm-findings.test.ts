import test from 'ava';
import type { Finding } from '../../../../src/events/finding.js';
import { needsConfirmation, unconfirmedFindings } from '../../../../src/pipeline/lockfile/confirm-findings.js';
import type { AnalysisReport } from '../../../../src/report/report-model.js';
import { finding } from '../../report/helpers.js';

const findingOf = (rule: string, phase: Finding['phase'] = 'import'): Finding => finding({ rule, phase });
const reportWith = (findings: Finding[]): AnalysisReport => ({ findings, allowed: [] }) as unknown as AnalysisReport;

test('a batch finding from the trace is held until the package shows it alone', (t) => {
  t.true(needsConfirmation(reportWith([findingOf('network-connect')])));
});

test('an install script note and a platform override are the package\'s own and need no second run', (t) => {
  t.false(needsConfirmation(reportWith([findingOf('install-script', 'install'), findingOf('platform-override')])));
  t.false(needsConfirmation(reportWith([])));
});

test('a finding of one of the package\'s own execute steps needs no second run; one of that phase without a step does', (t) => {
  const ofStep = finding({ rule: 'temp-file-write', phase: 'execute', attribution: { package: 'jest', via: 'import', call: 12, step: 'bin' } });
  t.false(needsConfirmation(reportWith([ofStep])));
  t.true(needsConfirmation(reportWith([ofStep, finding({ rule: 'network-connect', phase: 'execute', attribution: { package: 'jest', via: 'import' } })])));
  t.true(needsConfirmation(reportWith([finding({ rule: 'network-connect', phase: 'import', attribution: { package: 'jest', via: 'import', call: 0, step: 'load' } })])), 'a loading in the import phase is the chunk loader\'s, shared');
});

test('a finding the package did not show alone in the same phase is unconfirmed', (t) => {
  const batch = reportWith([findingOf('network-connect'), findingOf('dns-lookup')]);
  const alone = reportWith([findingOf('dns-lookup'), findingOf('network-connect', 'install')]);
  t.deepEqual(unconfirmedFindings(batch, alone).map((f) => f.rule), ['network-connect']);
});
