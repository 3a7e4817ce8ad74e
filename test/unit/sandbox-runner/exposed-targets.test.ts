import { createRequire } from 'node:module';
import test from 'ava';

interface Target {
  path: string;
  kind: 'function' | 'class';
}
interface ExposedTargets {
  exposedTargets(value: unknown, label: string): Target[];
  prototypeMethods(fn: unknown): string[];
}
const { exposedTargets, prototypeMethods } = createRequire(import.meta.url)('../../../sandbox-images/node/runner/exposed-targets.cjs') as ExposedTargets;
const listed = (value: unknown) => exposedTargets(value, 'm').map((target) => `${target.path} ${target.kind}`);

class Client {
  connect(): void {}
  send(): void {}
}
function Legacy(): void {}
Legacy.prototype.run = function run(): void {};

test('functions, classes and nested objects are found, each function once', (t) => {
  const shared = (): void => {};
  t.deepEqual(listed({ shared, again: shared, Client, Legacy, utils: { deep: { deeper: { tooDeep: () => {} } }, helper: () => {} }, count: 3 }), [
    'm.shared function',
    'm.Client class',
    'm.Legacy class',
    'm.utils.helper function',
  ]);
});

test('generator functions, sync and async, are functions to call, not classes', (t) => {
  function* items(): Generator<number> {
    yield 1;
  }
  async function* later(): AsyncGenerator<number> {
    yield 1;
  }
  t.deepEqual(listed({ items, later }), ['m.items function', 'm.later function']);
});

test('a module that is itself a function is a target, and so are its properties', (t) => {
  const main = Object.assign(() => {}, { sync: () => {} });
  t.deepEqual(listed(main), ['m function', 'm.sync function']);
});

test('the default export of an ES module namespace is found like any other export', (t) => {
  t.deepEqual(listed({ default: Client, [Symbol.toStringTag]: 'Module' }), ['m.default class']);
});

test('a getter that throws is skipped, the rest is still found', (t) => {
  const value = { get broken(): never { throw new Error('no'); }, fine: () => {} };
  t.deepEqual(listed(value), ['m.fine function']);
});

test('a class’s methods come from its prototype chain, not its constructor', (t) => {
  class Sub extends Client {
    close(): void {}
  }
  t.deepEqual(prototypeMethods(Sub), ['close', 'connect', 'send']);
});
