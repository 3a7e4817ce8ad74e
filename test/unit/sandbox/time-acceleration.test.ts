import { readFileSync } from 'node:fs';
import test from 'ava';
import { acceleratedSeconds, DAYS_AHEAD, OBSERVATION_WINDOW_SECONDS, phaseTimeEnvironment, realSeconds, TIME_SPEED } from '../../../src/sandbox/time-acceleration.js';

test('package code runs a hundred times fast, today by default', (t) => {
  t.deepEqual(phaseTimeEnvironment(), ['LD_PRELOAD=/usr/local/lib/libfaketime.so.1', 'FAKETIME=+0d x100']);
  t.is(TIME_SPEED, 100);
});

test('a dated loading starts its clock whole days ahead, still fast', (t) => {
  t.deepEqual(phaseTimeEnvironment({ daysAhead: 7 }), ['LD_PRELOAD=/usr/local/lib/libfaketime.so.1', 'FAKETIME=+7d x100']);
  t.deepEqual([...DAYS_AHEAD], [3, 7]);
});

test('fifteen minutes of the package\'s clock take nine real seconds, and a real limit is a hundred times longer on its clock', (t) => {
  t.is(realSeconds(OBSERVATION_WINDOW_SECONDS), 9);
  t.is(acceleratedSeconds(20), 2000);
});

test('the loader\'s observation window is the one the pipeline budgets for', (t) => {
  const runner = readFileSync(new URL('../../../sandbox-images/node/runner/observe-window.mjs', import.meta.url), 'utf8');
  t.regex(runner, new RegExp(`export const WINDOW_MS = ${OBSERVATION_WINDOW_SECONDS / 60} \\* 60 \\* 1000;`));
});
