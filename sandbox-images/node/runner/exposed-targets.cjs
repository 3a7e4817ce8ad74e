// What a loading exposes, to call: the value itself when it is a function,
// the functions and classes among its properties (the default export of an
// ES module is one), nested objects to a bounded depth. A class (or a
// function whose prototype has methods) is constructed, then its prototype
// methods are called on the instance. Reading a property can run package
// code (a getter): a property that throws is skipped.
'use strict';

const MAX_DEPTH = 2;
const MAX_TARGETS = 40;
const MAX_METHODS = 20;
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
  for (let depth = 0; proto && proto !== objectPrototype && depth < 4; depth++, proto = getPrototypeOf(proto)) {
    for (const name of getOwnPropertyNames(proto)) {
      if (name === 'constructor' || names.includes(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (descriptor && typeof descriptor.value === 'function') names.push(name);
      if (names.length >= MAX_METHODS) return names;
    }
  }
  return names;
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
    let keys = [];
    try {
      keys = Object.keys(current);
    } catch {}
    for (const key of keys.slice(0, 200)) {
      const property = read(current, key);
      if (property.ok) visit(property.value, `${path}.${key}`, current, depth + 1);
    }
  };
  visit(value, label, undefined, 0);
  return targets;
}

module.exports = { exposedTargets, prototypeMethods, isClass };
