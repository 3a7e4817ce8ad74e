import test from 'ava';
import { importOrder } from '../../../../src/pipeline/batch/import-order.js';

const pkg = (id: string, ...targets: string[]) => ({ id, dependencies: targets.map((target) => ({ alias: target, target, optional: false })) });

test('dependencies come before their dependants', (t) => {
  const order = importOrder([pkg('app', 'b', 'a'), pkg('a', 'c'), pkg('b', 'c'), pkg('c')]).map((entry) => entry.id);
  t.deepEqual(order, ['c', 'a', 'b', 'app']);
});

test('a cycle is broken the same way whatever order the packages come in', (t) => {
  const one = importOrder([pkg('x', 'y'), pkg('y', 'z'), pkg('z', 'x'), pkg('w', 'y')]).map((entry) => entry.id);
  const two = importOrder([pkg('w', 'y'), pkg('z', 'x'), pkg('y', 'z'), pkg('x', 'y')]).map((entry) => entry.id);
  t.deepEqual(one, two);
  t.deepEqual(one.sort(), ['w', 'x', 'y', 'z']);
});

test('edges to packages not being imported are ignored', (t) => {
  t.deepEqual(importOrder([pkg('a', 'stored'), pkg('b', 'a')]).map((entry) => entry.id), ['a', 'b']);
});
