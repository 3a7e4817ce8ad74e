import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { runCli } from '../helpers/run-cli.js';

test('left-pad@1.3.0 from the registry passes with install and import completed', async (t) => {
  const result = await runCli(['analyze', 'left-pad@1.3.0', '--format', 'json']);
  const report = JSON.parse(result.stdout) as AnalysisReport;
  t.is(result.exitCode, 0, result.stderr);
  t.is(report.schemaVersion, 1);
  t.is(report.verdict, 'pass');
  t.like(report.package, { name: 'left-pad', version: '1.3.0', source: 'registry' });
  t.regex(report.package.integrity, /^sha512-/);
  t.deepEqual(
    report.phases.map((phase) => [phase.name, phase.status]),
    [
      ['install', 'completed'],
      ['import', 'completed'],
    ],
  );
});

test('express@4.21.2 passes and its text report starts with the verdict', async (t) => {
  const result = await runCli(['analyze', 'express@4.21.2']);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /^PASS {2}express@4\.21\.2 /);
  t.regex(result.stdout, /install completed/);
  t.regex(result.stdout, /import completed/);
});

test('a package that does not exist exits 2 with a one-line reason', async (t) => {
  const result = await runCli(['analyze', 'dynaudit-no-such-package-2f9c1e@1.0.0']);
  t.is(result.exitCode, 2);
  t.is(result.stdout, '');
  const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('dynaudit: error:'));
  t.is(errorLines.length, 1);
  t.regex(errorLines[0] ?? '', /dynaudit-no-such-package-2f9c1e/);
  t.regex(errorLines[0] ?? '', /not found/);
});

test('a version that does not exist exits 2 naming the version', async (t) => {
  const result = await runCli(['analyze', 'left-pad@99.0.0', '--format', 'json']);
  t.is(result.exitCode, 2);
  const report = JSON.parse(result.stdout) as { verdict: string; error: { code: string; message: string } };
  t.is(report.verdict, 'error');
  t.is(report.error.code, 'E_PACKAGE_NOT_FOUND');
  t.regex(report.error.message, /99\.0\.0/);
});

test('a malformed spec exits 2 before touching Docker or the registry', async (t) => {
  const result = await runCli(['analyze', 'foo@^^1'], { env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } });
  t.is(result.exitCode, 2);
  t.regex(result.stderr, /dynaudit: error: .*foo@\^\^1/);
});
