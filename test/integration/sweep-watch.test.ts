/**
 * The nightly sweep against a private registry on 127.0.0.1: a project
 * locks lib@1.0.0 with the range ^1.0.0; the first sweep passes; the
 * registry then publishes lib@1.0.1, whose new postinstall beacons out;
 * the next sweep (watch on) reports 1.0.1 as a new release with the new
 * host and process before anyone installs it, and exits 1; `dynaudit diff`
 * names the same from the store; later sweeps exit 0 (nothing new fails)
 * and still name the failing release in every format. Interrupted sweeps
 * resume, and two sweeps share one store.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import type { DiffReport } from '../../src/report/diff-model.js';
import type { SweepReport } from '../../src/report/sweep-model.js';
import { dumpDom } from '../helpers/chromium.js';
import { startCli } from '../helpers/cli-process.js';
import { packFolder, startFixtureRegistry, writeLockfile, type FixturePackage, type FixtureRegistry } from '../helpers/fixture-registry.js';
import { schemaErrors, validateSarifDocument } from '../helpers/json-schemas.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'sweep');
const LIB = 'dynaudit-fixture-sweep-lib';
const HOST = 'beacon.dynaudit-test.example';
const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-sweep-it-'));
const store = path.join(dir, 'store.sqlite');
let registry: FixtureRegistry;
let hijacked: FixturePackage;
let sweepFile: string;

/** A project `name` locking lib@1.0.0 with ^1.0.0, and a sweep file (watch on) listing it. */
function project(name: string, locked: FixturePackage): string {
  writeLockfile(path.join(dir, name), [locked], [locked], { [LIB]: '^1.0.0' });
  const file = path.join(dir, `${name}.sweep.yaml`);
  writeFileSync(file, `projects:\n  - name: ${name}\n    lockfile: ${name}/package-lock.json\nwatch: true\n`);
  return file;
}

test.before(async () => {
  const locked = await packFolder(path.join(FIXTURES, 'lib-1.0.0'), path.join(dir, 'pack'));
  hijacked = await packFolder(path.join(FIXTURES, 'lib-1.0.1'), path.join(dir, 'pack'));
  registry = await startFixtureRegistry([locked]);
  sweepFile = project('web', locked);
  project('api', locked);
});

test.after.always(async () => {
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({ DYNAUDIT_REGISTRY: registry.url });
const sweep = (format: string, file = sweepFile, storePath = store) => runCli(['sweep', file, '--format', format, '--store', storePath, '--timeout', '30'], { env: env() });

test.serial('the first sweep analyzes the locked version, has nothing to compare with, and exits 0', async (t) => {
  const result = await sweep('json');
  t.is(result.exitCode, 0, result.stderr);
  const report = JSON.parse(result.stdout) as SweepReport;
  t.like(report, { schemaVersion: 1, kind: 'sweep', summary: { verdict: 'pass', projects: 1, packages: 1, newFailures: 0, releases: 0 } });
  t.is(report.projects[0]?.changes, null);
  t.deepEqual(report.projects[0]?.releases, []);
  t.regex(result.stderr, /web: .*its first sweep/);
});

test.serial('after the registry publishes a beaconing 1.0.1, the next sweep reports the new release with its host and process and exits 1', async (t) => {
  registry.publish(hijacked);
  const result = await sweep('json');
  t.is(result.exitCode, 1, result.stderr);
  const report = JSON.parse(result.stdout) as SweepReport;
  const web = report.projects[0]!;
  t.deepEqual(web.changes?.newReleases, [`${LIB}@1.0.1`]);
  const release = web.releases.find((entry) => entry.version === '1.0.1');
  t.like(release, { name: LIB, locked: '1.0.0', why: 'wanted', spec: '^1.0.0', isNew: true, verdict: 'fail' });
  t.truthy(release?.published);
  t.true(release?.diff?.added.hosts.includes(HOST), JSON.stringify(release?.diff?.added));
  t.true(release?.diff?.added.dnsNames.includes(HOST));
  t.true(release?.diff?.added.processes.includes('node beacon.js'), JSON.stringify(release?.diff?.added.processes));
  t.deepEqual(release?.diff?.added.installScripts, ['node beacon.js']);
  t.true(release?.diff?.added.findings.some((finding) => finding.rule === 'http-request' && finding.severity === 'high'));
  t.deepEqual(report.newFailures.map((failure) => `${failure.kind} ${failure.name}@${failure.version}`), [`release ${LIB}@1.0.1`]);
  t.like(report.summary, { verdict: 'fail', newFailures: 1, analyzed: 0, cached: 1 });
});

test.serial('dynaudit diff 1.0.0 1.0.1 names the same host and process, both from the store, and exits 1', async (t) => {
  const result = await runCli(['diff', `${LIB}@1.0.0`, `${LIB}@1.0.1`, '--format', 'json', '--store', store], { env: env() });
  t.is(result.exitCode, 1, result.stderr);
  const diff = JSON.parse(result.stdout) as DiffReport;
  t.like(diff, { schemaVersion: 1, kind: 'diff', verdict: 'fail', from: { name: LIB, version: '1.0.0', stored: true }, to: { name: LIB, version: '1.0.1', stored: true } });
  t.true(diff.added.hosts.includes(HOST));
  t.true(diff.added.processes.includes('node beacon.js'));
  t.true(diff.added.findings.some((finding) => finding.rule === 'network-connect' && finding.package === `${LIB}@1.0.1`));
  t.deepEqual(diff.removed.findings, []);
  t.deepEqual(diff.removed.hosts, []);
});

test.serial('the diff as Markdown names both versions and the host, and as HTML renders in Chromium', async (t) => {
  const markdown = await runCli(['diff', `${LIB}@1.0.0`, `${LIB}@1.0.1`, '--format', 'markdown', '--store', store], { env: env() });
  t.is(markdown.exitCode, 1, markdown.stderr);
  t.true(markdown.stdout.includes(`- to: \`${LIB}@1.0.1\``), markdown.stdout);
  t.true(markdown.stdout.includes(`- + host \`${HOST}\``));
  const result = await runCli(['diff', `${LIB}@1.0.0`, `${LIB}@1.0.1`, '--format', 'html', '--store', store], { env: env() });
  const page = path.join(dir, 'diff.html');
  writeFileSync(page, result.stdout);
  const dom = await dumpDom(page);
  t.regex(dom, /<main id="diff" data-verdict="fail">/);
  t.true(dom.includes(`<li class="added" data-kind="host"><span class="label">+ host</span> ${HOST}</li>`));
});

test.serial('the next sweep exits 0 (nothing new fails) and its Markdown still names the failing release', async (t) => {
  const result = await sweep('markdown');
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /^### dynaudit sweep: \*\*WARN\*\*/);
  t.true(result.stdout.includes(`\`${LIB}@1.0.1\``), result.stdout);
  t.regex(result.stdout, /#### New failures \(0\)/);
});

test.serial('the sweep as SARIF is one valid run whose release results point at the project lockfile', async (t) => {
  const result = await sweep('sarif');
  t.is(result.exitCode, 0, result.stderr);
  const log = JSON.parse(result.stdout) as { runs: { results: { ruleId: string; baselineState: string; properties: { version: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  t.deepEqual(schemaErrors(validateSarifDocument, log), []);
  t.is(log.runs.length, 1);
  const results = log.runs[0]!.results.filter((entry) => entry.properties.version === '1.0.1');
  t.true(results.some((entry) => entry.ruleId === 'network-connect'));
  t.true(results.every((entry) => entry.baselineState === 'unchanged' && entry.locations[0]?.physicalLocation.artifactLocation.uri === 'web/package-lock.json'));
});

test.serial('the sweep HTML page renders in Chromium with each package history: 1.0.0 passing, the 1.0.1 release failing', async (t) => {
  const result = await sweep('html');
  t.is(result.exitCode, 0, result.stderr);
  const page = path.join(dir, 'sweep.html');
  writeFileSync(page, result.stdout);
  const dom = await dumpDom(page);
  t.regex(dom, /<main id="sweep" data-verdict="warn">/);
  for (const id of ['changes', 'new-failures', 'releases', 'history', 'projects']) t.true(dom.includes(`<section id="${id}">`), id);
  const row = (kind: string) => new RegExp(`<tr data-package="${LIB}" data-kind="${kind}">.*?</tr>`).exec(dom)?.[0] ?? '';
  t.regex(row('locked'), /1\.0\.0 <span class="sev verdict-pass">PASS<\/span>/);
  t.regex(row('release'), /1\.0\.1 <span class="sev verdict-fail">FAIL<\/span>/);
});

test.serial('an interrupted sweep exits 130 and the next one resumes the same run', async (t) => {
  const fresh = path.join(dir, 'resume.sqlite');
  const first = startCli(['sweep', sweepFile, '--store', fresh, '--timeout', '30'], env());
  await first.waitFor(/install phase/);
  const run = /run ([0-9a-f]{12}) of /.exec(first.stderr())?.[1];
  first.child.kill('SIGINT');
  const stopped = await first.done;
  t.is(stopped.exitCode, 130, stopped.stderr);
  t.truthy(run);
  const again = await sweep('json', sweepFile, fresh);
  t.is(again.exitCode, 1, again.stderr);
  t.true(again.stderr.includes(`resuming run ${run}`), again.stderr);
  t.like(JSON.parse(again.stdout) as SweepReport, { sweep: { run, resumed: true } });
});

test.serial('two sweeps running at once on one store both finish and leave it consistent', async (t) => {
  const shared = path.join(dir, 'shared.sqlite');
  const [web, api] = await Promise.all([sweep('json', sweepFile, shared), sweep('json', path.join(dir, 'api.sweep.yaml'), shared)]);
  t.is(web.exitCode, 1, web.stderr);
  t.is(api.exitCode, 1, api.stderr);
  const db = new Database(shared, { readonly: true });
  try {
    t.deepEqual(db.prepare('PRAGMA integrity_check').all(), [{ integrity_check: 'ok' }]);
    t.deepEqual(db.prepare("SELECT status FROM sweep_runs ORDER BY sweep").all(), [{ status: 'complete' }, { status: 'complete' }]);
    t.is((db.prepare("SELECT count(*) AS n FROM sweep_results WHERE kind = 'release'").get() as { n: number }).n, 2);
  } finally {
    db.close();
  }
});
