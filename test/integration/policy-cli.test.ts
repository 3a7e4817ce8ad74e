/** Policies through the CLI: precise errors for malformed files, and an allowlist that turns a warning into a pass. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { runCli } from '../helpers/run-cli.js';

const BAD_SEVERITY = 'test/fixtures/policies/bad-severity.yaml';

test('a malformed policy exits 2 with one line naming the file, the line and what is wrong, before any Docker work', async (t) => {
  const result = await runCli(['analyze', 'left-pad@1.3.0', '--policy', BAD_SEVERITY], { env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } });
  t.is(result.exitCode, 2);
  t.is(result.stdout, '');
  t.is(result.stderr.trim(), `dynaudit: error: invalid policy ${BAD_SEVERITY}:13: severity must be one of low, medium, high, critical`);
});

test('a malformed policy with --format json prints the error shape with code E_POLICY', async (t) => {
  const result = await runCli(['analyze', 'left-pad@1.3.0', '--format', 'json', '--policy', 'test/fixtures/policies/bad-allow-no-reason.yaml'], {
    env: { DOCKER_HOST: 'tcp://127.0.0.1:1' },
  });
  t.is(result.exitCode, 2);
  const parsed = JSON.parse(result.stdout) as { verdict: string; error: { code: string; message: string } };
  t.like(parsed, { verdict: 'error', error: { code: 'E_POLICY' } });
  t.regex(parsed.error.message, /bad-allow-no-reason\.yaml:6: reason must be/);
});

test('esbuild warns on its install script by default and passes with an allowlist entry, which re-judges the stored analysis and keeps the entry\'s reason', async (t) => {
  const store = path.join(mkdtempSync(path.join(os.tmpdir(), 'dynaudit-policy-it-')), 'results.sqlite');
  t.teardown(() => rmSync(path.dirname(store), { recursive: true, force: true }));
  // Without the execute phase: its calls start esbuild's service (execute-spawn), which the allowlist entry is not about.
  const phases = ['--phases', 'install,import'];
  const plain = await runCli(['analyze', 'esbuild@0.24.2', '--format', 'json', '--store', store, ...phases]);
  t.regex(plain.stderr, /install phase: npm ci/);
  const before = JSON.parse(plain.stdout) as AnalysisReport;
  t.is(before.verdict, 'warn', plain.stderr);
  t.deepEqual(before.findings.map((finding) => finding.rule), ['install-script']);

  const allowed = await runCli(['analyze', 'esbuild@0.24.2', '--format', 'json', '--store', store, ...phases, '--policy', 'test/fixtures/policies/allow-native-builds.yaml']);
  t.regex(allowed.stderr, /using the stored analysis/);
  const after = JSON.parse(allowed.stdout) as AnalysisReport;
  t.is(allowed.exitCode, 0, allowed.stderr);
  t.is(after.verdict, 'pass');
  t.deepEqual(after.findings, []);
  t.is(after.allowed?.length, 1);
  t.like(after.allowed?.[0], { rule: 'install-script', allowedBy: { package: 'esbuild', version: '>=0.20.0 <1' } });
});
