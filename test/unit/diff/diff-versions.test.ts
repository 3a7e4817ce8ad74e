import test from 'ava';
import { diffVersions, type PackageView, type VersionView } from '../../../src/diff/diff-versions.js';
import type { Finding } from '../../../src/events/finding.js';

const NOTHING = { hosts: [], dnsNames: [], processes: [], filesWritten: [], credentialsRead: [], installScripts: [] };

function finding(rule: string, severity: Finding['severity'], summary: string, pkg = 'lib'): Finding {
  return { rule, category: 'network', severity, phase: 'install', summary, evidence: [], attribution: { package: pkg, via: 'lifecycle-script' } };
}

function view(version: string, packages: PackageView[]): VersionView {
  return { name: 'lib', version, integrity: `sha512-${version}`, stored: true, packages };
}

const pkg = (name: string, version: string, extra: Partial<PackageView> = {}): PackageView => ({ name, version, verdict: 'pass', findings: [], behaviour: NOTHING, ...extra });

test('a version that adds a finding at or above the threshold fails the diff and lists what it adds', (t) => {
  const from = view('1.0.0', [pkg('lib', '1.0.0')]);
  const beacon = finding('network-connect', 'high', 'opens a network connection to tcp beacon.example (198.51.100.129:80)');
  const to = view('1.0.1', [pkg('lib', '1.0.1', { verdict: 'fail', findings: [beacon], behaviour: { ...NOTHING, hosts: ['beacon.example'], processes: ['node beacon.js'] } })]);
  const diff = diffVersions(from, to, 'high', '0.1.0');
  t.like(diff, { schemaVersion: 1, kind: 'diff', verdict: 'fail', failOn: 'high', from: { version: '1.0.0', verdict: 'pass', packages: 1 }, to: { version: '1.0.1', verdict: 'fail' } });
  t.deepEqual(diff.added.findings, [{ ...beacon, package: 'lib@1.0.1' }]);
  t.deepEqual(diff.added.hosts, ['beacon.example']);
  t.deepEqual(diff.added.processes, ['node beacon.js']);
  t.deepEqual(diff.removed.findings, []);
  t.deepEqual(diff.removed.hosts, []);
});

test('the same finding in both versions is not added, even when its numbers differ; a lower one only warns', (t) => {
  const from = view('1.0.0', [pkg('lib', '1.0.0', { findings: [finding('network-connect', 'high', 'connects to x.example (198.51.100.129:80)')] })]);
  const to = view('1.1.0', [
    pkg('lib', '1.1.0', { findings: [finding('network-connect', 'high', 'connects to x.example (198.51.100.131:80)'), finding('install-script', 'low', 'runs an install script (node x.js)')] }),
  ]);
  const diff = diffVersions(from, to, 'high', '0.1.0');
  t.deepEqual(diff.added.findings.map((entry) => entry.rule), ['install-script']);
  t.is(diff.verdict, 'warn');
});

test('dependencies the new tree brings are added, with their findings; ones it drops are removed', (t) => {
  const from = view('1.0.0', [pkg('lib', '1.0.0'), pkg('old-dep', '2.0.0', { behaviour: { ...NOTHING, dnsNames: ['old.example'] } })]);
  const evil = finding('credential-read', 'critical', 'reads credentials at ~/.npmrc', 'evil-dep');
  const to = view('1.0.1', [pkg('lib', '1.0.1'), pkg('evil-dep', '1.0.0', { verdict: 'fail', findings: [evil] })]);
  const diff = diffVersions(from, to, 'critical', '0.1.0');
  t.deepEqual(diff.added.dependencies, ['evil-dep@1.0.0']);
  t.deepEqual(diff.removed.dependencies, ['old-dep@2.0.0']);
  t.deepEqual(diff.removed.dnsNames, ['old.example']);
  t.is(diff.added.findings[0]?.package, 'evil-dep@1.0.0');
  t.is(diff.verdict, 'fail');
});

test('two versions that do the same pass', (t) => {
  const diff = diffVersions(view('1.0.0', [pkg('lib', '1.0.0')]), view('1.0.1', [pkg('lib', '1.0.1')]), 'high', '0.1.0');
  t.is(diff.verdict, 'pass');
});
