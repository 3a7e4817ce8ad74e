import test from 'ava';

interface FastForward {
  fastForward(timers: Iterable<unknown>): number;
}
const { fastForward } = (await import(new URL('../../../sandbox-images/node/runner/fast-forward.mjs', import.meta.url).href)) as FastForward;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('timers due in an hour, a day and a week fire now, in the order they were due', async (t) => {
  const fired: string[] = [];
  const timers = [setTimeout(() => fired.push('week'), 7 * 86_400_000), setTimeout(() => fired.push('hour'), 3_600_000).unref(), setTimeout(() => fired.push('day'), 86_400_000)];
  t.is(fastForward(timers), 3);
  await settle(50);
  t.deepEqual(fired, ['hour', 'day', 'week']);
});

test('a cleared timer stays cleared', async (t) => {
  let fired = false;
  const timer = setTimeout(() => (fired = true), 3_600_000);
  clearTimeout(timer);
  t.is(fastForward([timer]), 0);
  await settle(20);
  t.false(fired);
});

test('an interval fires once per jump, and skips ahead three times at most', async (t) => {
  let fires = 0;
  const interval = setInterval(() => (fires += 1), 86_400_000);
  for (let jump = 0; jump < 5; jump++) {
    fastForward([interval]);
    await settle(20);
  }
  clearInterval(interval);
  t.is(fires, 3);
});
