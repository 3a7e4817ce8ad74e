import test from 'ava';
import type { Finding } from '../../../src/events/finding.js';
import { applyAllowlist } from '../../../src/policy/apply-allowlist.js';
import type { AllowEntry } from '../../../src/policy/policy-types.js';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'install-script',
    category: 'spawn',
    severity: 'low',
    phase: 'install',
    summary: 'runs an install script (node install.js)',
    evidence: ['pid 30 exec /bin/sh: sh -c node install.js'],
    attribution: { package: 'esbuild', via: 'lifecycle-script' },
    ...overrides,
  };
}

const ESBUILD: AllowEntry = { package: 'esbuild', version: '>=0.20.0 <1', rules: ['install-script'], reason: 'checks its binary', source: 'team.yaml' };

function versions(map: Record<string, string[]>) {
  return (name: string) => map[name] ?? [];
}

test('an entry accepts its rules for its package and records why', (t) => {
  const result = applyAllowlist([finding()], [ESBUILD], versions({ esbuild: ['0.24.2'] }));
  t.deepEqual(result.findings, []);
  t.deepEqual(result.allowed, [
    { ...finding(), allowedBy: { package: 'esbuild', version: '>=0.20.0 <1', reason: 'checks its binary', source: 'team.yaml' } },
  ]);
});

test('an entry does not cover other rules of the same package', (t) => {
  const other = finding({ rule: 'network-connect', category: 'network', severity: 'high' });
  const result = applyAllowlist([other], [ESBUILD], versions({ esbuild: ['0.24.2'] }));
  t.deepEqual(result.findings, [other]);
  t.deepEqual(result.allowed, []);
});

test('an entry does not cover another package, even one with a similar name', (t) => {
  const typo = finding({ attribution: { package: 'esbuilld', via: 'lifecycle-script' } });
  t.deepEqual(applyAllowlist([typo], [ESBUILD], versions({ esbuilld: ['0.24.2'] })).findings, [typo]);
});

test('a version outside the range is not covered', (t) => {
  t.is(applyAllowlist([finding()], [ESBUILD], versions({ esbuild: ['1.0.0'] })).findings.length, 1);
});

test('a range covers only when every installed copy of the package is in it', (t) => {
  t.is(applyAllowlist([finding()], [ESBUILD], versions({ esbuild: ['0.24.2', '0.19.0'] })).findings.length, 1);
  t.is(applyAllowlist([finding()], [ESBUILD], versions({ esbuild: ['0.24.2', '0.21.0'] })).allowed.length, 1);
});

test('a range never covers a package whose version is unknown', (t) => {
  t.is(applyAllowlist([finding()], [ESBUILD], versions({})).findings.length, 1);
});

test('an entry without a range covers every version', (t) => {
  const entry: AllowEntry = { package: 'esbuild', rules: ['install-script'], reason: 'r' };
  t.is(applyAllowlist([finding()], [entry], versions({})).allowed.length, 1);
});

test('an entry limited to a phase does not cover the other phases', (t) => {
  const entry: AllowEntry = { package: 'esbuild', rules: ['import-spawn'], phase: ['install'], reason: 'r' };
  const atImport = finding({ rule: 'import-spawn', phase: 'import', attribution: { package: 'esbuild', via: 'import' } });
  t.is(applyAllowlist([atImport], [entry], versions({})).findings.length, 1);
});

test('findings keep their order and the first covering entry is the one recorded', (t) => {
  const second: AllowEntry = { package: 'esbuild', rules: ['install-script'], reason: 'second' };
  const kept = finding({ rule: 'dns-query', category: 'dns', severity: 'high' });
  const result = applyAllowlist([kept, finding()], [ESBUILD, second], versions({ esbuild: ['0.24.2'] }));
  t.deepEqual(result.findings, [kept]);
  t.is(result.allowed[0]?.allowedBy.reason, 'checks its binary');
});
