import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { LABEL_RUN } from '../../src/sandbox/labels.js';
import type { LockfileReport } from '../../src/report/lockfile-model.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const LOCKFILE = path.join(repoRoot, 'test', 'fixtures', 'lockfiles', 'yarn.lock');

function dockerIds(kind: 'ps' | 'volume', runId: string): string[] {
  const args = kind === 'ps' ? ['ps', '-aq'] : ['volume', 'ls', '-q'];
  return execFileSync('docker', [...args, '--filter', `label=${LABEL_RUN}=${runId}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

test('Ctrl-C removes the run\'s sandboxes, keeps finished results, and the next run continues from them', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-interrupt-it-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = path.join(dir, 'results.sqlite');
  // One import at a time: chunks of 8, so the run is still busy after the first chunk is stored.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), 'lockfile', LOCKFILE, '--store', store, '--concurrency', '1', '--format', 'json'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let runId = '';
  let sandboxSeen = false;
  const interrupted = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      runId ||= /run ([0-9a-f]{8}):/.exec(stderr)?.[1] ?? '';
      sandboxSeen ||= runId !== '' && dockerIds('ps', runId).length > 0;
      if (sandboxSeen && /progress: [1-9]\d*\/\d+/.test(stderr)) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await Promise.race([interrupted, exited]);
  child.kill('SIGINT');
  const exitCode = await exited;
  t.is(exitCode, 130, `the run ended before it could be interrupted:\n${stderr}`);
  t.regex(stderr, /interrupted/);
  t.true(sandboxSeen, 'a sandbox of the run was running before the interrupt');
  t.deepEqual(dockerIds('ps', runId), [], 'no container of the run is left');
  t.deepEqual(dockerIds('volume', runId), [], 'no volume of the run is left');

  const again = await runCli(['lockfile', LOCKFILE, '--store', store, '--format', 'json']);
  t.is(again.exitCode, 0, again.stderr);
  const report = JSON.parse(again.stdout) as LockfileReport;
  t.is(report.summary.packages, 18);
  t.true(report.summary.cached > 0, 'finished results of the interrupted run were used');
  t.is(report.summary.cached + report.summary.analyzed, 18);
});
