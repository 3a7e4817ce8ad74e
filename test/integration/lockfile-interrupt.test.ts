/**
 * Ctrl-C in the middle of a batch's imports: the run's sandboxes are
 * removed, the packages whose chunk finished stay stored, and the next run
 * analyzes only the others. Eight packages of our own whose import computes
 * for about a second, two per loader process (DYNAUDIT_IMPORT_CHUNK), so the
 * run is interrupted after some chunks were handed out and before the last.
 * The work is counted in hash rounds, not read off the clock: imports run on
 * the accelerated clock, where a second of Date.now() passes in 10 ms.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { LockfileReport } from '../../src/report/lockfile-model.js';
import { LABEL_RUN } from '../../src/sandbox/labels.js';
import { startCli } from '../helpers/cli-process.js';
import { packFolder, startFixtureRegistry, writeLockfile, type FixtureRegistry } from '../helpers/fixture-registry.js';
import { runCli } from '../helpers/run-cli.js';

const PACKAGES = 8;
const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-interrupt-it-'));
let registry: FixtureRegistry;
let lockfile: string;

test.before(async () => {
  const packed = [];
  for (let i = 0; i < PACKAGES; i++) {
    const folder = path.join(dir, 'src', `slow-${i}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: `dynaudit-fixture-slow-${i}`, version: '1.0.0', main: 'index.js', license: 'MIT' }));
    writeFileSync(path.join(folder, 'index.js'), "'use strict';\nrequire('node:crypto').pbkdf2Sync('dynaudit', 'fixture', 3000000, 32, 'sha256');\nmodule.exports = 1;\n");
    packed.push(await packFolder(folder, path.join(dir, 'pack')));
  }
  registry = await startFixtureRegistry(packed);
  lockfile = writeLockfile(path.join(dir, 'app'), packed, packed);
});

test.after.always(async () => {
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

function dockerIds(kind: 'ps' | 'volume', runId: string): string[] {
  const args = kind === 'ps' ? ['ps', '-aq'] : ['volume', 'ls', '-q'];
  return execFileSync('docker', [...args, '--filter', `label=${LABEL_RUN}=${runId}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

test('Ctrl-C mid-import removes the run\'s sandboxes, keeps the finished chunks, and the next run analyzes only the rest', async (t) => {
  const store = path.join(dir, 'results.sqlite');
  const env = { DYNAUDIT_REGISTRY: registry.url, DYNAUDIT_IMPORT_CHUNK: '2' };
  const args = ['lockfile', lockfile, '--store', store, '--format', 'json', '--no-fakenet'];
  const run = startCli(args, env);
  await run.waitFor(/progress: [1-9]\d*\/8/);
  const finished = Number(/progress: (\d+)\/8(?![\s\S]*progress: \d)/.exec(run.stderr())?.[1] ?? '0');
  const runId = /run ([0-9a-f]{8}):/.exec(run.stderr())?.[1] ?? '';
  t.true(dockerIds('ps', runId).length > 0, 'the batch sandbox was still running when interrupted');
  run.child.kill('SIGINT');
  const result = await run.done;
  t.is(result.exitCode, 130, result.stderr);
  t.regex(result.stderr, /interrupted/);
  t.deepEqual(dockerIds('ps', runId), [], 'no container of the run is left');
  t.deepEqual(dockerIds('volume', runId), [], 'no volume of the run is left');

  const again = await runCli(args, { env });
  t.is(again.exitCode, 0, again.stderr);
  const report = JSON.parse(again.stdout) as LockfileReport;
  t.log(`interrupted after ${finished} of ${PACKAGES}; the next run took ${report.summary.cached} from the store and analyzed ${report.summary.analyzed}`);
  t.true(report.summary.cached >= finished, 'every package handed out before the interrupt came from the store');
  t.true(report.summary.analyzed > 0, 'the interrupt came before the last chunk');
  t.is(report.summary.cached + report.summary.analyzed, PACKAGES);
  t.regex(again.stderr, new RegExp(`fetching ${PACKAGES - report.summary.cached} tarball`), 'only the missing packages were fetched and analyzed');
  t.true(report.reports.every((entry) => entry.verdict === 'pass'));
});
