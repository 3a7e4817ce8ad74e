/**
 * Batch mode (the default of `dynaudit lockfile`) with packages of our own
 * that misbehave at install and at import — steal a token over HTTP and
 * over DNS, read a private key, hang, kill their loader — served by a
 * registry on 127.0.0.1: every finding lands on the package that did it,
 * the fake internet and the honeytokens see what `analyze` sees, and the
 * packages after a hang or a crash are still analyzed.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { Finding } from '../../src/events/finding.js';
import type { LockfilePackageReport, LockfileReport } from '../../src/report/lockfile-model.js';
import type { AnalysisReport } from '../../src/report/report-model.js';
import { packFolder, startFixtureRegistry, writeLockfile, type FixtureRegistry } from '../helpers/fixture-registry.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'lockfiles', 'misbehaving');
const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-misbehaving-it-'));
let registry: FixtureRegistry;
let lockfile: string;

test.before(async () => {
  const packages = await Promise.all(
    readdirSync(FIXTURES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => packFolder(path.join(FIXTURES, entry.name), path.join(dir, 'pack'))),
  );
  registry = await startFixtureRegistry(packages);
  lockfile = writeLockfile(path.join(dir, 'app'), packages, packages);
});

test.after.always(async () => {
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

const name = (short: string): string => `dynaudit-fixture-batch-${short}`;
const env = (): NodeJS.ProcessEnv => ({ DYNAUDIT_REGISTRY: registry.url });
const rules = (report: { findings: readonly Finding[] }): string[] => [...new Set(report.findings.map((finding) => finding.rule))].sort();

/** What an exfiltration finding says, apart from where this run's tokens and addresses put things. */
const leak = (finding: Finding) => ({
  rule: finding.rule,
  severity: finding.severity,
  phase: finding.phase,
  category: finding.category,
  what: finding.summary.replace(/ out to .*/, ''),
  // Each way it was sent, once: every loading (today, 3 and 7 days ahead) sees the same leak again.
  how: [...new Set(finding.evidence.map((line) => /\] (.*?) (in|to) /.exec(line)?.[1] ?? line))].sort(),
});

let batch: LockfileReport;

test.serial('a batch run charges every misbehaving package with what it did, and only with that', async (t) => {
  const result = await runCli(['lockfile', lockfile, '--format', 'json', '--store', path.join(dir, 'batch.sqlite'), '--timeout', '20'], { env: env() });
  t.is(result.exitCode, 1, result.stderr);
  batch = JSON.parse(result.stdout) as LockfileReport;
  t.like(batch.summary, { packages: 12, analyzed: 12, cached: 0, error: 0 });
  const by = (short: string) => batch.reports.find((entry) => entry.package.name === name(short)) as LockfilePackageReport;
  t.log(batch.reports.map((entry) => `${entry.package.name}: ${entry.verdict} ${'findings' in entry ? rules(entry).join(',') : ''}`).join('\n'));

  t.is(by('install-stealer').verdict, 'fail');
  t.true(by('install-stealer').findings.some((f) => f.rule === 'exfiltration' && f.phase === 'install' && /npm token/.test(f.summary)), JSON.stringify(by('install-stealer').findings));
  t.true(by('install-stealer').fakenet?.enabled);

  t.is(by('import-stealer').verdict, 'fail');
  t.true(by('import-stealer').findings.some((f) => f.rule === 'exfiltration' && f.phase === 'import' && /GITHUB_TOKEN/.test(f.summary)), JSON.stringify(by('import-stealer').findings));

  t.is(by('import-reads-key').verdict, 'fail');
  t.deepEqual(rules(by('import-reads-key')), ['credential-read']);

  // Each package is loaded today, executed (each is a direct dependency of the app), then loaded with the clock 3 and 7 days ahead; a hang or a crash does it again each time.
  t.deepEqual(by('import-hang').phases.map((phase) => `${phase.name} ${phase.status}`), ['install completed', 'import timeout', 'execute timeout', 'import timeout', 'import timeout']);
  t.deepEqual(rules(by('import-hang')), ['time-limit']);
  t.deepEqual(rules(by('forges-markers')), ['batch-marker-forgery']);
  t.deepEqual(by('import-crash').phases.map((phase) => `${phase.name} ${phase.status}`), ['install completed', 'import failed', 'execute completed', 'import failed', 'import failed']);

  for (const benign of ['benign-a', 'benign-b', 'benign-c', 'zz-benign', 'deferred-slow-innocent']) {
    t.is(by(benign).verdict, 'pass', `${benign}: ${JSON.stringify(by(benign).findings)}`);
    t.deepEqual(by(benign).phases.map((phase) => `${phase.name} ${phase.status}`), ['install completed', 'import completed', 'execute completed', 'import completed', 'import completed'], benign);
  }
});

test.serial('a connection a package defers on an unref\'d timer is its own, made in its observation window, never the next package\'s', (t) => {
  const by = (short: string) => batch.reports.find((entry) => entry.package.name === name(short)) as LockfilePackageReport;
  const beacon = by('deferred-beacon').findings.find((finding) => finding.rule === 'network-connect');
  t.like(beacon, { phase: 'import', attribution: { package: name('deferred-beacon'), via: 'import' } });
  t.regex(beacon?.summary ?? '', /203\.0\.113\.9:443/);
  t.deepEqual(by('deferred-beacon').phases.map((phase) => `${phase.name} ${phase.status}`), ['install completed', 'import completed', 'execute completed', 'import completed', 'import completed']);
  t.is(by('deferred-slow-innocent').verdict, 'pass');
  t.false(batch.unattributed.some((finding) => finding.rule === 'network-connect'), JSON.stringify(batch.unattributed));
});

test.serial('the same stealers analyzed alone get the same exfiltration findings as in the batch', async (t) => {
  for (const short of ['install-stealer', 'import-stealer']) {
    // Alone with every phase, as the batch ran it (the app depends on each directly): its execute phase loads the import stealer once more.
    const result = await runCli(['analyze', `${name(short)}@1.0.0`, '--format', 'json', '--store', path.join(dir, `alone-${short}.sqlite`)], { env: env() });
    t.is(result.exitCode, 1, result.stderr);
    const alone = JSON.parse(result.stdout) as AnalysisReport;
    const inBatch = batch.reports.find((entry) => entry.package.name === name(short)) as LockfilePackageReport;
    const exfiltration = (findings: readonly Finding[]) => findings.filter((finding) => finding.rule === 'exfiltration').map(leak);
    t.deepEqual(exfiltration(inBatch.findings), exfiltration(alone.findings), short);
    t.true(exfiltration(alone.findings).length > 0, short);
  }
});

test.serial('--no-fakenet turns the fake internet off in a batch and says so', async (t) => {
  const result = await runCli(['lockfile', lockfile, '--format', 'json', '--no-fakenet', '--store', path.join(dir, 'offline.sqlite'), '--timeout', '20'], { env: env() });
  const report = JSON.parse(result.stdout) as LockfileReport;
  const stealer = report.reports.find((entry) => entry.package.name === name('install-stealer')) as LockfilePackageReport;
  t.like(stealer.fakenet, { enabled: false });
  t.false(stealer.findings.some((finding) => finding.rule === 'exfiltration'));
  t.true(stealer.findings.some((finding) => finding.rule === 'dns-query' || finding.rule === 'credential-read'), JSON.stringify(stealer.findings));
});
