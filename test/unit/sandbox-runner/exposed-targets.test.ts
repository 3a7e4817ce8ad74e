import { createRequire } from 'node:module';
import test from 'ava';

interface Target {
  path: string;
  kind: 'function' | 'class';
}
interface ExposedTargets {
  exposedTargets(value: unknown, label: string): Target[];
  prototypeMethods(fn: unknown): string[];
  resultMethods(value: unknown, seen: Set<unknown>): { name: string; fn: unknown }[];
  MAX_RESULT_METHODS: number;
}
const { exposedTargets, prototypeMethods, resultMethods, MAX_RESULT_METHODS } = createRequire(import.meta.url)('../../../sandbox-images/node/runner/exposed-targets.cjs') as ExposedTargets;
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

const namesOf = (value: unknown, seen = new Set<unknown>()) => resultMethods(value, seen).map((method) => method.name);

test('what a factory returns is used: its own functions, then its class\'s methods', (t) => {
  class Wallet {
    sign(): void {}
  }
  const wallet = Object.assign(new Wallet(), { importKey: () => {}, label: 'main' });
  t.deepEqual(namesOf(wallet), ['importKey', 'sign']);
});

test('a returned object\'s methods are called once, however often it is returned', (t) => {
  const client = { send: () => {} };
  const seen = new Set<unknown>();
  t.deepEqual(namesOf(client, seen), ['send']);
  t.deepEqual(namesOf({ ...client }, seen), [], 'a second object with the same function');
});

test('built-in values, promises and primitives have nothing of the package to call', (t) => {
  for (const value of [[1, 2], new Map(), new Date(), Buffer.alloc(4), Promise.resolve(), { then: () => {} }, 'text', 42, null]) t.deepEqual(namesOf(value), []);
});

test('a returned object\'s methods are bounded, and a getter that throws is passed over', (t) => {
  const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`m${i}`, () => i]));
  t.is(namesOf(many).length, MAX_RESULT_METHODS);
  t.deepEqual(namesOf({ get broken(): never { throw new Error('no'); }, fine: () => {} }), ['fine']);
});
