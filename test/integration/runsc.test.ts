/** One analysis under gVisor (`--runtime runsc`); `make test` sets the runtime up with scripts/ensure-runsc.sh. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { leftoversOf, startCli } from '../helpers/cli-process.js';
import { fixturePackage } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-runsc-it-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('a package analyzed under gVisor is traced like under runc: a connect in its postinstall fails it', async (t) => {
  const runtimes = execFileSync('docker', ['info', '--format', '{{json .Runtimes}}'], { encoding: 'utf8' });
  t.true(runtimes.includes('"runsc"'), 'Docker has no runsc runtime: run `bash scripts/ensure-runsc.sh` as root (make test does)');
  const store = path.join(dir, 'results.sqlite');
  const cli = startCli(['analyze', fixturePackage('postinstall-connect'), '--runtime', 'runsc', '--format', 'json', '--no-cache', '--store', store, '--timeout', '120']);
  const result = await cli.done;
  t.log(`postinstall-connect under runsc: ${(result.durationMs / 1000).toFixed(1)} s`);
  const report = JSON.parse(result.stdout) as AnalysisReport;
  t.is(result.exitCode, 1, result.stderr);
  t.is(report.sandbox.runtime, 'runsc');
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
  const connect = report.findings.find((finding) => finding.rule === 'network-connect');
  t.is(connect?.phase, 'install');
  t.true(connect?.evidence.some((line) => line.includes('203.0.113.10:443')), JSON.stringify(report.findings));
  t.deepEqual(leftoversOf(cli.pid), { containers: [], volumes: [] });
});
