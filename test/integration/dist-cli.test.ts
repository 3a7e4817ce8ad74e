/**
 * The built CLI (dist/, what `make analyze` and the package's `bin` run),
 * not only the sources the other tests run through tsx: it starts, parses,
 * finds its policies and images from dist/, and analyzes a package.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { fixturePackage, repoRoot } from '../helpers/run-cli.js';

const run = promisify(execFile);
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const bin = path.join(repoRoot, manifest.bin.dynaudit!);
const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-dist-it-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('the package\'s bin is the built CLI and prints its usage', async (t) => {
  t.regex(bin, /^.*\/dist\/src\/cli\/main\.js$/);
  const { stdout } = await run(process.execPath, [bin, '--help']);
  t.regex(stdout, /^usage: dynaudit analyze/);
});

test('the built CLI analyzes a package end to end in a sandbox', async (t) => {
  const { stdout, stderr } = await run(process.execPath, [bin, 'analyze', fixturePackage('benign'), '--format', 'json', '--store', path.join(dir, 'r.sqlite')], { cwd: dir });
  t.regex(stderr, /install phase: npm ci/);
  const report = JSON.parse(stdout) as AnalysisReport;
  t.is(report.verdict, 'pass');
  t.deepEqual(report.phases.map((phase) => `${phase.name} ${phase.status}`), ['install completed', 'import completed', 'execute completed', 'import completed', 'import completed']);
});

test('the built CLI exits 2 with one line on bad input', async (t) => {
  const error = await t.throwsAsync(run(process.execPath, [bin, 'analyze', 'foo@^^1']));
  t.is((error as { code?: number }).code, 2);
  t.regex((error as { stderr?: string }).stderr ?? '', /^dynaudit: error: invalid package spec "foo@\^\^1"[^\n]*\n$/);
});
