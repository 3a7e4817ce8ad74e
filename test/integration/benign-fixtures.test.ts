/**
 * Ordinary behaviour that used to fail (docs/evasion.md, "Precision"): none
 * of these may fail, and each shows what it did for the right reason.
 */
import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { AnalysisPool, type Analysis } from '../helpers/analysis-pool.js';
import { fixturePackage } from '../helpers/run-cli.js';

const pool = new AnalysisPool(2);
test.after.always(() => pool.dispose());
const NAMES = ['benign-copyfile', 'benign-own-ip', 'benign-caches', 'benign-node-gyp-addon', 'benign-npmrc-reader', 'ci-env-consistent'];
const runs = new Map(NAMES.map((name) => [name, pool.analyze(fixturePackage(name))]));

async function report(name: string): Promise<AnalysisReport> {
  const { report: parsed, result } = (await runs.get(name)) as Analysis;
  if (parsed === null) throw new Error(`no JSON report for ${name} (exit ${result.exitCode}):\n${result.stderr}`);
  return parsed;
}

const rules = (parsed: AnalysisReport): string[] => parsed.findings.map((finding) => `${finding.severity} ${finding.rule}`);

test('an install script that copies a file inside its folder (open, fchmod, copy) only shows its install script', async (t) => {
  const parsed = await report('benign-copyfile');
  t.deepEqual(rules(parsed), ['low install-script']);
  t.is(parsed.verdict, 'warn');
});

test('looking up the machine\'s own addresses and its own name when loaded passes, with no DNS query', async (t) => {
  const parsed = await report('benign-own-ip');
  t.deepEqual(rules(parsed), []);
  t.deepEqual(parsed.observed.dns, []);
  t.is(parsed.verdict, 'pass');
});

test('caches under ~/.cache/<own name> and node_modules/.cache/<own name> are the package\'s own', async (t) => {
  const parsed = await report('benign-caches');
  t.deepEqual(rules(parsed), ['low install-script']);
});

test('a real N-API addon compiled by node-gyp and loaded passes with only its install script shown', async (t) => {
  const parsed = await report('benign-node-gyp-addon');
  t.deepEqual(rules(parsed), ['low install-script']);
  t.deepEqual(parsed.phases.map((phase) => `${phase.name} ${phase.status}`), ['install completed', 'import completed', 'execute completed', 'import completed', 'import completed']);
  const programs = new Set(parsed.observed.processes.map((process) => process.argv[0]?.split('/').at(-1)));
  for (const program of ['make', 'cc1']) t.true(programs.has(program), program);
});

test('reading ~/.npmrc when loaded and sending nothing is a medium finding, not a failure', async (t) => {
  const parsed = await report('benign-npmrc-reader');
  // Loaded in the import phase, and again by the execute phase.
  t.deepEqual(parsed.findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.phase}`), ['medium npm-config-read import', 'medium npm-config-read execute']);
  t.is(parsed.verdict, 'warn');
});

test('every CI variable that names a file or folder names one that exists in the sandbox', async (t) => {
  const parsed = await report('ci-env-consistent');
  // The fixture exits 1 listing what is missing; its existence checks are themselves probes of CI files.
  t.deepEqual(parsed.phases.map((phase) => `${phase.name} ${phase.status}`), ['install completed', 'import completed', 'execute completed', 'import completed', 'import completed'], parsed.phases[0]?.outputTail);
  t.true(parsed.findings.some((finding) => finding.rule === 'sandbox-probe' && /_runner_file_commands|_github_workflow/.test(finding.summary)));
});
