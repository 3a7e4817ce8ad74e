/**
 * `dynaudit approve` end to end: a project served by a private registry on
 * 127.0.0.1 with a benign build script, a token stealer and a package
 * without scripts; the approvals written from real verdicts, then honoured
 * by real npm 12 and pnpm 11 inside a sandbox container (never on the host),
 * and `approve --check` as a CI gate.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { parse } from 'yaml';
import type { ApproveReport } from '../../src/approve/index.js';
import { createPacoteClient } from '../../src/resolve/registry-client.js';
import { NPM_CACHE_DIR, PROJECT_DIR } from '../../src/sandbox/sandbox-layout.js';
import { schemaErrors, validateApproveDocument, validateSarifDocument } from '../helpers/json-schemas.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';
import { packFolder, startRegistry, type TinyRegistry } from '../helpers/tiny-registry.js';
import { fetchTool, runInSandbox, TOOLS, type SandboxRun } from '../helpers/tool-sandbox.js';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'approve');
const PACKAGES = ['approve-build-ok', 'approve-token-stealer', 'approve-no-scripts'];
const TOOLS_DIR = '/home/runner/tools';
const LOOPBACK_PORT = 4873;
const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-approve-it-'));
const store = path.join(dir, 'results.sqlite');
const npmApp = path.join(dir, 'npm-app');
const pnpmApp = path.join(dir, 'pnpm-app');
let registry: TinyRegistry;

test.before(async () => {
  const entries = [];
  for (const name of PACKAGES) {
    const source = path.join(FIXTURES, 'packages', name);
    entries.push({ tarball: await packFolder(dir, source), manifest: JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')) });
  }
  registry = await startRegistry(entries);
  for (const app of [npmApp, pnpmApp]) {
    mkdirSync(app);
    copyFileSync(path.join(FIXTURES, 'project.package.json'), path.join(app, 'package.json'));
  }
  // Resolution only (no tarball is unpacked, no script runs): the lockfile npm 12 installs from, with the
  // resolved URLs npm 12 reads the versions it approves from (whatever this machine's npm config says).
  await promisify(execFile)('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--omit-lockfile-registry-resolved=false', `--registry=${registry.url}`, `--cache=${path.join(dir, 'npm-host-cache')}`], { cwd: npmApp });
});

test.after.always(async () => {
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

function approve(args: readonly string[]) {
  return runCli(['approve', ...args, '--store', store], { env: { DYNAUDIT_REGISTRY: registry.url, DYNAUDIT_WORK_DIR: path.join(dir, 'work') } });
}

function approveJson(stdout: string): ApproveReport {
  const report = JSON.parse(stdout) as ApproveReport;
  return report;
}

/** The registry's folder and server, to serve the fixtures on the sandbox's loopback (it has no other network). */
function loopbackRegistry(): { host: string; container: string } {
  const folder = path.join(dir, 'registry');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  for (const file of ['index.json', '0.tgz', '1.tgz', '2.tgz']) copyFileSync(path.join(registry.folder, file), path.join(folder, file));
  copyFileSync(path.join(repoRoot, 'test', 'helpers', 'registry-server.mjs'), path.join(folder, 'registry-server.mjs'));
  return { host: folder, container: '/home/runner/registry' };
}

/** The sandbox's environment makes every script run for the analysis; a real project's install has no such overrides. */
const AS_A_PROJECT = 'unset npm_config_dangerously_allow_all_scripts npm_config_strict_allow_scripts npm_config_ignore_scripts';
/** Started in the phase's script and stopped when it ends (strace follows it: the phase lasts as long as it runs). */
const START_REGISTRY = `node /home/runner/registry/registry-server.mjs /home/runner/registry ${LOOPBACK_PORT} & registry=$!; trap 'kill $registry' EXIT; until curl -sf http://127.0.0.1:${LOOPBACK_PORT}/approve-no-scripts >/dev/null; do sleep 0.2; done`;

/** The build script ran (its file is there, the trace shows it), the stealer's did not. */
function onlyTheBuildScriptRan(t: ExecutionContext, run: SandboxRun, version: RegExp): void {
  t.is(run.phase.exitCode, 0, `${run.phase.stdout}\n${run.phase.stderr}`);
  t.regex(run.phase.stdout, version);
  t.regex(run.phase.stdout, /^built\.txt$/m);
  t.notRegex(run.phase.stdout, /ran\.txt/);
  t.true(run.commands.includes('node build.js'), run.commands.join('\n'));
  t.false(run.commands.some((command) => command.includes('steal.js')), run.commands.join('\n'));
}

test.serial('approve --manager npm approves the build script, denies the token stealer and leaves the package without scripts out', async (t) => {
  const before = readFileSync(path.join(npmApp, 'package.json'), 'utf8');
  const result = await approve([npmApp, '--manager', 'npm', '--format', 'json']);
  t.is(result.exitCode, 0, result.stderr);
  const report = approveJson(result.stdout);
  t.deepEqual(schemaErrors(validateApproveDocument, report), []);
  t.like(report, { kind: 'approve', mode: 'write', manager: { name: 'npm', setting: 'allowScripts in package.json' }, lockfile: { path: 'package-lock.json' } });
  t.deepEqual(report.entries.map((entry) => [entry.name, entry.action, entry.verdict]), [
    ['approve-build-ok', 'approve', 'pass'],
    ['approve-token-stealer', 'deny', 'fail'],
  ]);
  t.deepEqual(report.entries[0]!.reasons, ['runs an install script (node build.js)']);
  t.true(report.entries[1]!.reasons!.some((reason) => /^CRITICAL sends the npm token in ~\/\.npmrc out .*\[exfiltration\]$/.test(reason)), report.entries[1]!.reasons!.join('\n'));
  const written = JSON.parse(readFileSync(path.join(npmApp, 'package.json'), 'utf8')) as Record<string, unknown>;
  t.deepEqual(written['allowScripts'], { 'approve-build-ok@1.0.0': true, 'approve-token-stealer@1.0.0': false });
  t.deepEqual({ ...written, allowScripts: undefined }, { ...(JSON.parse(before) as object), allowScripts: undefined });
  t.true(report.change!.written);
  t.regex(report.change!.diff, /^\+ {4}"approve-token-stealer@1\.0\.0": false$/m);
});

test.serial('the same command again changes nothing and reads every verdict from the store', async (t) => {
  const result = await approve([npmApp, '--manager', 'npm']);
  t.is(result.exitCode, 0, result.stderr);
  t.regex(result.stdout, /^APPROVE approve-build-ok@1\.0\.0 +pass: runs an install script \(node build\.js\) \(project: allowed by "approve-build-ok@1\.0\.0"\)$/m);
  t.regex(result.stdout, /^DENY {4}approve-token-stealer@1\.0\.0 +fail: CRITICAL /m);
  t.regex(result.stdout, /package\.json already says this; nothing to change/);
  t.notRegex(result.stderr, /install phase/);
});

test.serial('real npm 12 installs the approved project and runs only the approved install script', async (t) => {
  const cache = path.join(dir, 'npm12-cache');
  const client = createPacoteClient({ cacheDir: cache, registry: registry.url });
  const lock = JSON.parse(readFileSync(path.join(npmApp, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; integrity?: string }> };
  for (const name of PACKAGES) await client.tarball(`${name}@1.0.0`, lock.packages[`node_modules/${name}`]!.integrity);
  const tools = path.join(dir, 'npm-tools');
  await fetchTool(TOOLS.npm, path.join(tools, 'npm'));
  // The lockfile's resolved URLs name the host's registry: npm reads the versions from them and, offline, the tarballs from the cache.
  const npm = `node ${TOOLS_DIR}/npm/bin/npm-cli.js`;
  const run = await runInSandbox(
    [{ host: npmApp, container: PROJECT_DIR }, { host: cache, container: NPM_CACHE_DIR }, { host: tools, container: TOOLS_DIR }],
    `set -e; ${AS_A_PROJECT}; ${npm} --version; ${npm} ci --offline --no-audit --no-fund --strict-allow-scripts --registry=${registry.url}; ls node_modules/approve-build-ok node_modules/approve-token-stealer`,
  );
  onlyTheBuildScriptRan(t, run, /^12\.2\.2$/m);
});

test.serial('approve --check passes on the approved project', async (t) => {
  const result = await approve([npmApp, '--check', '--format', 'json']);
  t.is(result.exitCode, 0, result.stderr);
  const report = approveJson(result.stdout);
  t.deepEqual(schemaErrors(validateApproveDocument, report), []);
  t.deepEqual(report.check, { passed: true, problems: [] });
  t.like(report.manager, { name: 'npm', detectedBy: 'the project has package-lock.json' });
});

test.serial('approve --check exits 1 after the stealer is approved by hand, naming its line in SARIF', async (t) => {
  const file = path.join(npmApp, 'package.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"approve-token-stealer@1.0.0": false', '"approve-token-stealer@1.0.0": true'));
  const text = await approve([npmApp, '--check']);
  t.is(text.exitCode, 1, text.stderr);
  t.regex(text.stdout, /CHECK FAILED: 1 approval\(s\) of a failing or unanalyzed script/);
  t.regex(text.stdout, /approve-token-stealer@1\.0\.0 approved by "approve-token-stealer@1\.0\.0" \(package\.json:\d+\): fail, CRITICAL/);
  const sarif = await approve([npmApp, '--check', '--format', 'sarif']);
  t.is(sarif.exitCode, 1, sarif.stderr);
  const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  t.deepEqual(schemaErrors(validateSarifDocument, log), []);
  const [result] = log.runs[0]!.results;
  const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"approve-token-stealer@1.0.0": true')) + 1;
  t.like(result, { ruleId: 'approved-failing-script' });
  t.deepEqual(result!.locations[0]!.physicalLocation.region.startLine, line);
  t.regex(result!.locations[0]!.physicalLocation.artifactLocation.uri, /npm-app\/package\.json$/);
});

test.serial('approve --manager pnpm writes allowBuilds that real pnpm 11 honours', async (t) => {
  const tools = path.join(dir, 'pnpm-tools');
  await fetchTool(TOOLS.pnpm, path.join(tools, 'pnpm'));
  const pnpm = `node ${TOOLS_DIR}/pnpm/bin/pnpm.mjs --registry=http://127.0.0.1:${LOOPBACK_PORT}/`;
  const copies = [{ host: pnpmApp, container: PROJECT_DIR }, { host: tools, container: TOOLS_DIR }, loopbackRegistry()];
  // pnpm writes its own lockfile in the sandbox (resolution only), which approve then reads.
  const resolve = await runInSandbox(copies, `set -e; ${START_REGISTRY}; ${pnpm} install --lockfile-only >&2; echo ---lockfile---; cat pnpm-lock.yaml`);
  t.is(resolve.phase.exitCode, 0, resolve.phase.stderr);
  writeFileSync(path.join(pnpmApp, 'pnpm-lock.yaml'), resolve.phase.stdout.split('---lockfile---\n')[1]!);

  const result = await approve([pnpmApp, '--manager', 'pnpm', '--format', 'json']);
  t.is(result.exitCode, 0, result.stderr);
  const report = approveJson(result.stdout);
  t.like(report, { manager: { name: 'pnpm', setting: 'allowBuilds in pnpm-workspace.yaml' }, lockfile: { path: 'pnpm-lock.yaml' } });
  t.deepEqual(report.entries.map((entry) => [entry.name, entry.action]), [['approve-build-ok', 'approve'], ['approve-token-stealer', 'deny']]);
  t.deepEqual(parse(readFileSync(path.join(pnpmApp, 'pnpm-workspace.yaml'), 'utf8')), { allowBuilds: { 'approve-build-ok@1.0.0': true, 'approve-token-stealer@1.0.0': false } });

  const install = await runInSandbox(copies, `set -e; ${AS_A_PROJECT}; ${START_REGISTRY}; ${pnpm} --version; ${pnpm} install --frozen-lockfile; ls node_modules/approve-build-ok/ node_modules/approve-token-stealer/`);
  onlyTheBuildScriptRan(t, install, /^11\.28\.11$/m);
});
