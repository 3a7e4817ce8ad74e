import { setTimeout as sleep } from 'node:timers/promises';
import test from 'ava';
import { mapConcurrent } from '../../../src/resolve/map-concurrent.js';

test('results keep the order of the items', async (t) => {
  const results = await mapConcurrent([30, 10, 20], 2, async (ms) => {
    await sleep(ms);
    return ms * 2;
  });
  t.deepEqual(results, [60, 20, 40]);
});

test('no more than the limit run at once', async (t) => {
  let running = 0;
  let peak = 0;
  await mapConcurrent(Array.from({ length: 20 }, (_, i) => i), 3, async () => {
    running += 1;
    peak = Math.max(peak, running);
    await sleep(2);
    running -= 1;
  });
  t.is(peak, 3);
});

test('a failure stops new calls and is rethrown after the calls in flight settle', async (t) => {
  const started: number[] = [];
  let settled = 0;
  const error = await t.throwsAsync(
    mapConcurrent([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      if (item === 0) {
        throw new Error('boom');
      }
      await sleep(20);
      settled += 1;
    }),
  );
  t.is(error?.message, 'boom');
  t.deepEqual(started, [0, 1]);
  t.is(settled, 1);
});

test('an empty list maps to an empty list', async (t) => {
  t.deepEqual(await mapConcurrent([], 8, async () => 1), []);
});
