import test from 'ava';
import { etaSeconds, formatBar, formatDuration, formatLine } from '../../../src/cli/progress-format.js';
import { ProgressReporter } from '../../../src/cli/progress-reporter.js';
import type { LockfileEntryReport } from '../../../src/report/lockfile-model.js';

const STATE = { done: 30, total: 100, failed: 2, errors: 1, cached: 10, elapsedMs: 40_000 };

test('the ETA follows the pace of the packages analyzed so far, not the stored ones', (t) => {
  t.is(etaSeconds(STATE), 140);
  t.is(etaSeconds({ ...STATE, cached: 30 }), null);
  t.is(etaSeconds({ ...STATE, done: 100 }), 0);
});

test('durations print as minutes and seconds, with hours when needed', (t) => {
  t.is(formatDuration(140), '02:20');
  t.is(formatDuration(3725), '1:02:05');
  t.is(formatDuration(null), '--:--');
});

test('the bar shows done/total, failures, stored results and the ETA within the width', (t) => {
  const bar = formatBar(STATE, 100);
  t.regex(bar, /^\[#+-+\] 30\/100, 2 failed, 1 error\(s\), 10 from the store {2}ETA 02:20$/);
  t.true(bar.length <= 100);
  t.regex(formatBar({ ...STATE, done: 100 }, 80), /^\[#+\]/);
});

test('the plain line says the same with a percentage', (t) => {
  t.is(formatLine(STATE), 'progress: 30/100, 2 failed, 1 error(s), 10 from the store (30%), elapsed 00:40, ETA 02:20');
});

function report(verdict: 'pass' | 'fail', cached: boolean): LockfileEntryReport {
  return { verdict, cached } as unknown as LockfileEntryReport;
}

test('without a terminal, lines come at most every interval, and always at the end', (t) => {
  const out: string[] = [];
  let now = 0;
  const reporter = new ProgressReporter({ write: (text: string) => out.push(text), isTTY: false }, () => now, 5000);
  reporter.start(3);
  reporter.done(report('pass', true));
  now = 6000;
  reporter.done(report('fail', false));
  reporter.done(report('pass', false));
  t.deepEqual(out.map((line) => line.replace(/, elapsed.*\n$/, '')), [
    'dynaudit: progress: 0/3, 0 failed, 0 error(s), 0 from the store (0%)',
    'dynaudit: progress: 2/3, 1 failed, 0 error(s), 1 from the store (66%)',
    'dynaudit: progress: 3/3, 1 failed, 0 error(s), 1 from the store (100%)',
  ]);
});

test('on a terminal the bar is redrawn in place and log lines print above it', (t) => {
  const out: string[] = [];
  const reporter = new ProgressReporter({ write: (text: string) => out.push(text), isTTY: true, columns: 80 }, () => 0);
  reporter.start(2);
  reporter.log('fetching');
  reporter.done(report('pass', false));
  reporter.end();
  t.true(out.every((text) => text.startsWith('\r\u001b[2K') || text === 'dynaudit: fetching\n' || text === '\n'));
  t.true(out.includes('dynaudit: fetching\n'));
  t.regex(out.at(-2) ?? '', /1\/2/);
  t.is(out.at(-1), '\n');
});
