import test from 'ava';
import { runPool } from '../../../src/common/run-pool.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

test('no more than the limit run at once, and every item runs', async (t) => {
  let running = 0;
  let most = 0;
  const seen: number[] = [];
  await runPool([1, 2, 3, 4, 5, 6, 7], 3, new AbortController().signal, async (item) => {
    running += 1;
    most = Math.max(most, running);
    await tick();
    seen.push(item);
    running -= 1;
  });
  t.is(most, 3);
  t.deepEqual(seen.sort(), [1, 2, 3, 4, 5, 6, 7]);
});

test('after an abort no new item starts', async (t) => {
  const controller = new AbortController();
  const seen: number[] = [];
  await runPool([1, 2, 3, 4], 1, controller.signal, async (item) => {
    seen.push(item);
    if (item === 2) controller.abort();
    await tick();
  });
  t.deepEqual(seen, [1, 2]);
});

test('an error that escapes stops new items and is rethrown once the others settle', async (t) => {
  const seen: number[] = [];
  let settled = 0;
  const error = await t.throwsAsync(
    runPool([1, 2, 3, 4], 2, new AbortController().signal, async (item) => {
      seen.push(item);
      await tick();
      settled += 1;
      if (item === 1) throw new Error('boom');
    }),
  );
  t.is(error?.message, 'boom');
  t.is(settled, seen.length);
  t.true(seen.length < 4);
});
