// What a loading exposes, to call: the value itself when it is a function,
// the functions and classes among its properties (the default export of an
// ES module is one), nested objects to a bounded depth. A class (or a
// function whose prototype has methods) is constructed, then its prototype
// methods are called on the instance. What a call returns (a factory's
// client, logger or wallet) has methods of its own to call too
// (resultMethods). Reading a property can run package
// code (a getter): a property that throws is skipped.
'use strict';

const MAX_DEPTH = 2;
const MAX_TARGETS = 40;
const MAX_METHODS = 20;
/** How many properties of one object are read, and how many prototypes of one chain. */
const MAX_KEYS = 200;
const CHAIN_DEPTH = 4;
/** The most methods of one returned object that are called. */
const MAX_RESULT_METHODS = 6;
/** Prototypes whose methods are the language's, not the package's: a returned array, map or date has nothing of the package to call. */
const BUILT_IN_PROTOTYPES = new Set(
  [Array, Map, Set, WeakMap, WeakSet, Date, RegExp, Error, Promise, ArrayBuffer, DataView, Object.getPrototypeOf(Uint8Array), Uint8Array, Buffer].map((type) => type.prototype),
);
const { getOwnPropertyNames, getPrototypeOf, prototype: objectPrototype } = Object;
const functionText = Function.prototype.toString;
const call = Function.prototype.call.bind(Function.prototype.call);

function isClass(fn) {
  let text = '';
  try {
    text = call(functionText, fn);
  } catch {}
  return /^class[\s{]/.test(text) || ownMethods(fn).length > 0;
}

/** Methods set on a function's own prototype (an ES5 class); a generator's prototype has none of its own. */
function ownMethods(fn) {
  let proto;
  try {
    proto = fn.prototype;
  } catch {
    return [];
  }
  if (proto === null || typeof proto !== 'object') return [];
  return getOwnPropertyNames(proto).filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function');
}

/** Method names of a class's prototype chain (up to Object.prototype), bounded. */
function prototypeMethods(fn) {
  const names = [];
  let proto;
  try {
    proto = fn.prototype;
  } catch {
    return names;
  }
  for (const [name] of chainMethods(proto)) {
    if (names.includes(name)) continue;
    names.push(name);
    if (names.length >= MAX_METHODS) return names;
  }
  return names;
}

/** [name, fn] of the methods on a prototype chain from `proto`, up to Object.prototype or one of `stops`, at most CHAIN_DEPTH prototypes. */
function* chainMethods(proto, stops = new Set()) {
  for (let depth = 0; proto && proto !== objectPrototype && !stops.has(proto) && depth < CHAIN_DEPTH; depth++, proto = getPrototypeOf(proto)) {
    for (const name of getOwnPropertyNames(proto)) {
      const descriptor = name === 'constructor' ? undefined : Object.getOwnPropertyDescriptor(proto, name);
      if (descriptor && typeof descriptor.value === 'function') yield [name, descriptor.value];
    }
  }
}

/** [key, value] of a value's own enumerable properties (the first MAX_KEYS), each read once; one whose getter throws is passed over. */
function* ownProperties(value) {
  let keys = [];
  try {
    keys = Object.keys(value);
  } catch {}
  for (const key of keys.slice(0, MAX_KEYS)) {
    const property = read(value, key);
    if (property.ok) yield [key, property.value];
  }
}

function read(value, key) {
  try {
    return { ok: true, value: value[key] };
  } catch {
    return { ok: false };
  }
}

/** [{ path, fn, kind: 'function'|'class', self }], each function once, in the order found. */
function exposedTargets(value, label, seen = new Set()) {
  const targets = [];
  const visit = (current, path, self, depth) => {
    if (targets.length >= MAX_TARGETS || current === null || (typeof current !== 'object' && typeof current !== 'function')) return;
    if (seen.has(current)) return;
    seen.add(current);
    if (typeof current === 'function') targets.push({ path, fn: current, kind: isClass(current) ? 'class' : 'function', self });
    if (depth >= MAX_DEPTH) return;
    for (const [key, property] of ownProperties(current)) visit(property, `${path}.${key}`, current, depth + 1);
  };
  visit(value, label, undefined, 0);
  return targets;
}

/**
 * The methods of an object a call returned that are not targets yet:
 * [{ name, fn }], its own function properties first, then those of its
 * prototype chain below Object.prototype, never a built-in's; at most
 * MAX_RESULT_METHODS. Each is added to `seen`,
 * so an object returned again (a fluent API returning itself, two factories
 * making one kind of client) is not called twice.
 */
function resultMethods(value, seen) {
  if (value === null || typeof value !== 'object') return [];
  const then = read(value, 'then');
  if (!then.ok || typeof then.value === 'function') return [];
  const methods = [];
  const add = (name, fn) => {
    if (typeof fn !== 'function' || seen.has(fn) || methods.length >= MAX_RESULT_METHODS) return;
    seen.add(fn);
    methods.push({ name, fn });
  };
  for (const [key, property] of ownProperties(value)) add(key, property);
  for (const [name, fn] of chainMethods(getPrototypeOf(value), BUILT_IN_PROTOTYPES)) add(name, fn);
  return methods;
}

module.exports = { exposedTargets, prototypeMethods, resultMethods, isClass, MAX_RESULT_METHODS };
