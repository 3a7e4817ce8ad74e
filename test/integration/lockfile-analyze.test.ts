import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { LockfileReport, LockfilePackageReport } from '../../src/report/lockfile-model.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

// A real npm v3 lockfile (17 registry packages for linux, bufferutil with an install script,
// a git, a file: and a darwin-only dependency, fsevents, analyzed too: no platform escape);
// its resolved hosts are REGISTRY.invalid.
const LOCKFILE = path.join(repoRoot, 'test', 'fixtures', 'lockfiles', 'npm-v3.package-lock.json');
const STRICT = path.join(repoRoot, 'test', 'fixtures', 'lockfiles', 'policies', 'native-build-fails.yaml');
const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-lockfile-it-'));
const store = path.join(dir, 'results.sqlite');
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

function parse(stdout: string): LockfileReport {
  return JSON.parse(stdout) as LockfileReport;
}

test.serial('a real lockfile is analyzed end to end in one batch sandbox', async (t) => {
  const result = await runCli(['lockfile', LOCKFILE, '--format', 'json', '--store', store]);
  t.is(result.exitCode, 0, result.stderr);
  const report = parse(result.stdout);
  t.like(report, { schemaVersion: 1, kind: 'lockfile', mode: 'batch', lockfile: { format: 'package-lock.json v3' } });
  t.like(report.summary, { packages: 18, analyzed: 18, cached: 0, fail: 0, error: 0, skipped: 2 });
  t.true(report.reports.every((entry) => !entry.cached && entry.verdict !== 'error'));
  const bufferutil = report.reports.find((entry) => entry.package.name === 'bufferutil') as LockfilePackageReport;
  t.deepEqual(bufferutil.installScripts, [{ name: 'bufferutil', version: '4.0.8' }]);
  // A direct dependency of the project: loaded today, executed, then loaded with the clock 3 and 7 days ahead.
  t.deepEqual(bufferutil.phases.map((phase) => [phase.name, phase.status]), [['install', 'completed'], ['import', 'completed'], ['execute', 'completed'], ['import', 'completed'], ['import', 'completed']]);
  // ms@2.1.2 is debug's dependency, not the project's: installed and loaded, not executed.
  const deepMs = report.reports.find((entry) => entry.package.name === 'ms' && entry.package.version === '2.1.2') as LockfilePackageReport;
  t.deepEqual(deepMs.phases.map((phase) => phase.name), ['install', 'import', 'import', 'import']);
  t.true(bufferutil.observed.processes.some((p) => p.attribution.via === 'lifecycle-script' && p.attribution.package === 'bufferutil'));
  const ms = report.reports.filter((entry) => entry.package.name === 'ms') as LockfilePackageReport[];
  t.deepEqual(ms.map((entry) => entry.package.version).sort(), ['2.0.0', '2.1.2']);
  t.true(ms.every((entry) => entry.phases.every((phase) => phase.status === 'completed')));
  t.deepEqual(report.skipped.map((entry) => entry.name).sort(), ['gitdep', 'local-lib']);
  const fsevents = report.reports.find((entry) => entry.package.name === 'fsevents') as LockfilePackageReport;
  const override = fsevents.findings.find((finding) => finding.rule === 'platform-override');
  t.is(override?.severity, 'low');
  t.regex(override?.summary ?? '', /fsevents is built for darwin\/any cpu/);
  t.regex(result.stderr, /fetching 18 tarball/);
});

test.serial('a second run over the same lockfile takes every result from the store', async (t) => {
  const result = await runCli(['lockfile', LOCKFILE, '--format', 'json', '--store', store]);
  t.is(result.exitCode, 0, result.stderr);
  const report = parse(result.stdout);
  t.like(report.summary, { packages: 18, analyzed: 0, cached: 18 });
  t.true(report.reports.every((entry) => entry.cached));
  t.notRegex(result.stderr, /install phase|fetching/);
});

test.serial('a stricter policy re-judges the stored events and a failing package exits 1', async (t) => {
  const result = await runCli(['lockfile', LOCKFILE, '--store', store, '--policy', STRICT]);
  t.is(result.exitCode, 1, result.stderr);
  t.regex(result.stdout, /^FAIL {2}bufferutil@4\.0\.8 +stored +CRITICAL runs node-gyp-build \(bin\.js\) during install \[test-node-gyp-build\]/m);
  t.regex(result.stdout, /^PASS {2}debug@4\.3\.4 /m);
  t.regex(result.stdout, /^FAIL {2}18 package\(s\): \d+ pass, \d+ warn, 1 fail, 0 error; 0 analyzed, 18 from the store, 2 skipped/m);
  t.notRegex(result.stderr, /install phase/);
});

test.serial('a malformed lockfile exits 2 naming the problem', async (t) => {
  const result = await runCli(['lockfile', path.join(repoRoot, 'package.json'), '--store', store]);
  t.is(result.exitCode, 2);
  t.regex(result.stderr, /dynaudit: error: cannot read lockfile .*package\.json: not a package-lock\.json/);
});
