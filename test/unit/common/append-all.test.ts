import test from 'ava';
import { appendAll } from '../../../src/common/append-all.js';

test('appending keeps the order and the items already there', (t) => {
  const target = [1, 2];
  appendAll(target, [3, 4]);
  t.deepEqual(target, [1, 2, 3, 4]);
});

test('a million items are appended where a spread into push overflows the stack', (t) => {
  const items = Array.from({ length: 1_000_000 }, (_, index) => index);
  t.throws(() => [].push(...(items as never[])), { instanceOf: RangeError }, 'the spread this replaces does overflow');
  const target: number[] = [];
  appendAll(target, items);
  t.is(target.length, 1_000_000);
  t.is(target.at(-1), 999_999);
});
