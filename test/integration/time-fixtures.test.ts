/** Payloads that wait, date-gated payloads and backdoors that listen: caught on the sandbox's fast clock, from the JSON report. */
import test from 'ava';
import type { AnalysisReport } from '../../src/report/index.js';
import { fixturePackage, runCli } from '../helpers/run-cli.js';

async function analyze(name: string): Promise<AnalysisReport> {
  const result = await runCli(['analyze', fixturePackage(name), '--format', 'json']);
  try {
    return JSON.parse(result.stdout) as AnalysisReport;
  } catch {
    throw new Error(`no JSON report (exit ${result.exitCode}); stderr:\n${result.stderr}`);
  }
}

const requestsTo = (report: AnalysisReport, host: string) => (report.observed.http ?? []).filter((request) => request.host === host);

for (const timer of ['ref', 'unref'] as const) {
  test(`a beacon ten minutes after the require, on a ${timer}'d timer, is caught in the import phase`, async (t) => {
    const report = await analyze(`time-beacon-${timer}`);
    t.is(report.verdict, 'fail');
    const beacons = requestsTo(report, 'late.dynaudit-test.example').filter((request) => request.path === `/beacon?timer=${timer}`);
    t.true(beacons.length >= 1, 'the beacon was sent');
    t.like(beacons[0], { phase: 'import', attribution: { package: `dynaudit-fixture-time-beacon-${timer}`, via: 'import' } });
    t.true(report.findings.some((finding) => finding.rule === 'http-request' && finding.phase === 'import'));
  });
}

test('a beacon a day after the require, in two unref\'d steps of twelve hours, is caught in the import phase: the window skips ahead', async (t) => {
  const report = await analyze('time-beacon-day');
  t.is(report.verdict, 'fail');
  const [beacon] = requestsTo(report, 'late.dynaudit-test.example');
  t.like(beacon, { phase: 'import', path: '/beacon?after=1d', attribution: { package: 'dynaudit-fixture-time-beacon-day', via: 'import' } });
  t.is(report.phases.find((phase) => phase.name === 'import')?.status, 'completed');
});

test('a server opened at import is a listening-socket finding naming its port', async (t) => {
  const report = await analyze('listen-backdoor');
  t.is(report.verdict, 'fail');
  const finding = report.findings.find((entry) => entry.rule === 'listening-socket');
  t.like(finding, { phase: 'import', severity: 'high', category: 'network', attribution: { package: 'dynaudit-fixture-listen-backdoor', via: 'import' } });
  t.regex(finding?.summary ?? '', /tcp 0\.0\.0\.0:4444/);
});

test('a payload that waits six days after its install acts in the import with the clock a week ahead, and only there', async (t) => {
  const report = await analyze('time-dated-payload');
  t.is(report.verdict, 'fail');
  t.deepEqual(
    report.phases.map((phase) => [phase.name, phase.daysAhead ?? 0]),
    [['install', 0], ['import', 0], ['execute', 0], ['import', 3], ['import', 7]],
  );
  const wakes = requestsTo(report, 'dormant.dynaudit-test.example');
  t.is(wakes.length, 1, 'not today, not three days ahead: a week ahead');
  t.like(wakes[0], { phase: 'import', path: '/wake?after=6d', attribution: { package: 'dynaudit-fixture-time-dated-payload', via: 'import' } });
});

test('a library with ordinary timers (a periodic sweep, a warm-up) still passes', async (t) => {
  const report = await analyze('benign-timers');
  t.is(report.verdict, 'pass');
  t.deepEqual(report.findings, []);
  t.true(report.phases.every((phase) => phase.status === 'completed'));
});
