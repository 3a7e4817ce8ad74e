import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { fixturePackage, runCli, testStore } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-registry-it-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('left-pad@1.3.0 from the registry passes with every phase completed (the import again 3 and 7 days ahead), analyzed in a sandbox of its own', async (t) => {
  const result = await runCli(['analyze', 'left-pad@1.3.0', '--format', 'json', '--store', path.join(dir, 'left-pad.sqlite')]);
  const report = JSON.parse(result.stdout) as AnalysisReport;
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stderr, /install phase: npm ci/);
  t.is(report.schemaVersion, 1);
  t.is(report.verdict, 'pass');
  t.like(report.package, { name: 'left-pad', version: '1.3.0', source: 'registry' });
  t.regex(report.package.integrity, /^sha512-/);
  t.deepEqual(
    report.phases.map((phase) => [phase.name, phase.status]),
    [
      ['install', 'completed'],
      ['import', 'completed'],
      ['execute', 'completed'],
      ['import', 'completed'],
      ['import', 'completed'],
    ],
  );
});

test('a stored analysis gives the same report as the fresh one, fake internet included, without a sandbox', async (t) => {
  const store = path.join(dir, 'again.sqlite');
  const fresh = await runCli(['analyze', 'left-pad@1.3.0', '--format', 'json', '--store', store]);
  const stored = await runCli(['analyze', 'left-pad@1.3.0', '--format', 'json', '--store', store]);
  t.is(stored.exitCode, 0, stored.stderr);
  t.regex(stored.stderr, /using the stored analysis/);
  t.notRegex(stored.stderr, /install phase/);
  const report = JSON.parse(stored.stdout) as AnalysisReport;
  t.deepEqual(report, JSON.parse(fresh.stdout) as AnalysisReport);
  t.like(report.fakenet, { enabled: true });
});

test('a store of the fake internet is not used with --no-fakenet, and the other way round', async (t) => {
  const store = path.join(dir, 'network.sqlite');
  await runCli(['analyze', 'left-pad@1.3.0', '--format', 'json', '--store', store]);
  const offline = await runCli(['analyze', 'left-pad@1.3.0', '--format', 'json', '--no-fakenet', '--store', store]);
  t.regex(offline.stderr, /install phase: npm ci/);
  t.like((JSON.parse(offline.stdout) as AnalysisReport).fakenet, { enabled: false });
});

test('express@4.21.2 passes and its text report starts with the verdict', async (t) => {
  const result = await runCli(['analyze', 'express@4.21.2', '--store', path.join(dir, 'express.sqlite')]);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stderr, /install phase: npm ci/);
  t.regex(result.stdout, /^PASS {2}express@4\.21\.2 /);
  t.regex(result.stdout, /install completed/);
  t.regex(result.stdout, /import completed/);
});

test('the CLI a test runs never reads or writes the user\'s store', async (t) => {
  const home = mkdtempSync(path.join(dir, 'home-'));
  const result = await runCli(['analyze', fixturePackage('benign'), '--no-fakenet'], { env: { HOME: home, XDG_CACHE_HOME: '' } });
  t.is(result.exitCode, 0, result.stderr);
  // The user's npm cache (~/.cache/dynaudit/npm) is shared on purpose: tarballs are the same for every store.
  t.false(existsSync(path.join(home, '.cache', 'dynaudit', 'results.sqlite')), 'no store in the user\'s cache folder');
  t.true(existsSync(testStore), 'the test file\'s own store was used');
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
