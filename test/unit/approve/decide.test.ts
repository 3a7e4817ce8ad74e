import test from 'ava';
import { decide } from '../../../src/approve/decide.js';
import type { Finding } from '../../../src/events/finding.js';
import type { LockfilePackageReport } from '../../../src/report/lockfile-model.js';
import { pkg } from './helpers.js';

function finding(rule: string, severity: Finding['severity'], summary: string): Finding {
  return { rule, category: 'spawn', severity, phase: 'install', summary, evidence: [], attribution: { package: 'x', via: 'lifecycle-script' } };
}

function report(verdict: LockfilePackageReport['verdict'], findings: Finding[]): LockfilePackageReport {
  return { verdict, findings, failOn: 'high', cached: true } as unknown as LockfilePackageReport;
}

const script = finding('install-script', 'low', 'runs an install script (node build.js)');

test('a script that does nothing but run is approved, with the command as the reason', (t) => {
  t.like(decide(pkg('ok'), report('warn', [script])), { action: 'approve', verdict: 'pass', reasons: ['runs an install script (node build.js)'] });
});

test('a failing package is denied with its findings, most severe first', (t) => {
  const decision = decide(pkg('bad'), report('fail', [script, finding('dns-query', 'high', 'looks up x.example'), finding('credential-read', 'critical', 'reads ~/.npmrc')]));
  t.like(decision, { action: 'deny', verdict: 'fail' });
  t.deepEqual(decision.reasons, ['CRITICAL reads ~/.npmrc [credential-read]', 'HIGH looks up x.example [dns-query]']);
});

test('other behaviour below the threshold is left for review', (t) => {
  t.like(decide(pkg('odd'), report('warn', [script, finding('shell-spawn', 'medium', 'runs a shell')])), { action: 'review', verdict: 'warn', reasons: ['MEDIUM runs a shell [shell-spawn]'] });
});

test('no verdict, a skipped package or an analysis error is left for review with the reason', (t) => {
  t.like(decide(pkg('x'), undefined), { action: 'review', verdict: 'unanalyzed', reasons: ['not analyzed'] });
  t.like(decide(pkg('x'), { skipped: 'not analyzed: built for another platform (darwin)' }), { action: 'review', reasons: ['not analyzed: built for another platform (darwin)'] });
  const error = { schemaVersion: 1, package: { name: 'x', version: '1.0.0', integrity: '', source: 'registry' }, verdict: 'error', error: { code: 'E_INTEGRITY', message: 'mismatch' }, cached: false } as const;
  t.like(decide(pkg('x'), error), { action: 'review', verdict: 'error', reasons: ['not analyzed: E_INTEGRITY mismatch'] });
});
