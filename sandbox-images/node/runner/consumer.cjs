// Uses an installed package the way an application does, from the app entry
// dynaudit writes into the project (app.cjs, the process's main module, so
// require.main and module.parent are the app's; app.mjs for import()).
// Every step is marked in the trace (call-marker.cjs):
// - import mode: the package and the subpaths its exports map lists
//   (bounded) are loaded with require() and with import() (the `require`
//   and `import` conditions), one step each (a main that is one of the
//   package's bins is a `bin` step: loading it runs that CLI, main-bin.cjs);
// - execute mode: the same loadings, then what they expose is called with
//   generated arguments (call-arguments.cjs, exposed-targets.cjs), classes
//   constructed and their methods called, each call awaited within its own
//   budget (promises settled, iterators drained); then every bin of the
//   package runs with --help, --version and no arguments in the project.
// Steps run one at a time, so what happens between a step's markers is its
// doing (each step ends once the work it added is done, or after its quiet
// time: LOAD_QUIET_MS for a loading, QUIET_MS for the others; what an
// earlier step left running does not hold the later ones).
// Execute mode shares the phase's time out: calls stop starting at CALLS_SHARE
// of it, bins at BINS_SHARE, so the bins and the closing wait still run; what
// was not started is counted (`uncalled`). Each step position in the plan
// (loadings, then each target's argument kinds, then bins) is fixed, so a
// consumer the supervisor starts again after a crash (src/pipeline/calls/consumer-command.ts)
// loads the package again and resumes after the step that crashed.
// In a lockfile's batch (app.cjs says dependenciesFirst) the package's
// dependencies are loaded before the first step (loadDependencies): the
// batch imported and judged each under its own name already, so their
// top-level code is no step's doing.
// Usage (app.cjs): node app.cjs import|execute PROJECT_DIR PACKAGE_NAME [PHASE_MS LEFT_MS [FROM_INDEX ENDED_PLANS]]
// (ENDED_PLANS: the plan positions of the steps that ended a consumer so far,
// comma-separated; it resumes after the furthest of them)
// (app.cjs takes these arguments off process.argv before any package code
// runs, and hands over the run's key-shaped secrets: call-arguments.cjs).
'use strict';
const { spawn } = require('node:child_process');
const { readFileSync, writeSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { argumentSets, arityOf } = require('./call-arguments.cjs');
const { callMarker } = require('./call-marker.cjs');
const { exposedTargets, prototypeMethods, resultMethods, MAX_RESULT_METHODS } = require('./exposed-targets.cjs');
const { binEntries, binOfMain } = require('./main-bin.cjs');

/** The sandbox's clock speed (libfaketime's `x100`): budgets are real time, so on the fast clock they are that many of the package's milliseconds. */
const SPEED = Number(/\bx(\d+(?:\.\d+)?)\b/.exec(process.env.FAKETIME ?? '')?.[1] ?? 1) || 1;
const CALL_BUDGET_MS = 2000 * SPEED;
const BIN_BUDGET_MS = 5000 * SPEED;
const MAX_STEPS = 300;
/** Shares of the phase's time after which no new call (construct) step, and no new bin run, starts; the closing wait starts before WAIT_SHARE. */
const CALLS_SHARE = 0.45;
const BINS_SHARE = 0.75;
const WAIT_SHARE = 0.85;
/** How long past its own budget a step may run before the watchdog ends the process (real ms; a loading has no budget of its own: LOAD_LIMIT_MS). */
const STEP_GRACE_MS = 3000;
const LOAD_LIMIT_MS = 60_000;
/** How long a step's leftover work (timers, sockets, children) may run before the step ends, so what it does lands on it. */
const QUIET_MS = 200 * SPEED;
/** A loading's: what a module does when loaded (a lookup through the fake internet, then a connection) is its own even on a loaded machine. */
const LOAD_QUIET_MS = 1000 * SPEED;
const MAX_SUBPATHS = 8;
const MAX_DEPENDENCIES = 200;
const MAX_BINS = 4;
const MAX_ITEMS = 20;
const TARGET_CHARS = 160;
const BIN_ARGUMENTS = [['--help'], ['--version'], []];
// Captured before any package code runs (it may replace them).
// Not setImmediate: Node's clearImmediate() called with anything but an Immediate (core-js exposes it) breaks the count of pending immediates, and later ones never run.
const { setTimeout: startTimer, clearTimeout: stopTimer } = globalThis;
const nextTurn = (resolve) => startTimer(resolve, 0);
const SafePromise = Promise;
const { apply, construct } = Reflect;
const exit = process.exit.bind(process);
const changeDir = process.chdir.bind(process);
const currentDir = process.cwd.bind(process);
const activeResources = process.getActiveResourcesInfo.bind(process);
const isThenable = (value) => value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';

/** The files an exports-map entry points at, under any condition, as paths in the package (`bin/jest.js`). */
function exportTargets(entry) {
  if (typeof entry === 'string') return [path.posix.normalize(entry)];
  if (entry !== null && typeof entry === 'object') return Object.values(entry).flatMap(exportTargets);
  return [];
}

/**
 * The package itself and the subpaths its exports map lists (bounded), but
 * not a subpath that is one of its bins (jest lists `./bin/jest`, storybook
 * `./bin/index.cjs`): loading that runs the CLI with the consumer's own
 * arguments; the bin steps run it as its user does.
 */
function exportSubpaths(manifest, name) {
  const exports = manifest.exports;
  const keys = exports !== null && typeof exports === 'object' && !Array.isArray(exports) ? Object.keys(exports).filter((key) => key.startsWith('.')) : [];
  const bins = new Set(Object.values(binEntries(manifest, name)).filter((file) => typeof file === 'string').map((file) => path.posix.normalize(file)));
  const isBin = (key) => exportTargets(exports[key]).some((file) => bins.has(file));
  const subpaths = keys.filter((key) => key !== '.' && !key.includes('*') && !key.endsWith('/') && !key.endsWith('.json') && !isBin(key));
  return ['.', ...subpaths].slice(0, MAX_SUBPATHS);
}

function binNames(manifest, name) {
  return Object.keys(binEntries(manifest, name)).slice(0, MAX_BINS);
}

/** Waits (up to `quietMs`) until no more work runs than before the step. */
async function quiet(baseline, quietMs) {
  const until = Date.now() + quietMs;
  for (;;) {
    await new SafePromise((resolve) => nextTurn(resolve));
    if (activeResources().length <= baseline || Date.now() >= until) return;
    await new SafePromise((resolve) => startTimer(resolve, 10));
  }
}

/** Settles a step's result within its budget: awaits a promise, drains an (async) iterator; { outcome, result } with what the promise gave. */
async function settle(value, deadline) {
  const timedOut = Symbol('timeout');
  const within = (promise) => {
    let timer;
    const limit = new SafePromise((resolve) => {
      timer = startTimer(() => resolve(timedOut), Math.max(0, deadline - Date.now()));
    });
    return SafePromise.race([promise, limit]).finally(() => stopTimer(timer));
  };
  let result = value;
  if (isThenable(result)) result = await within(SafePromise.resolve(result));
  if (result === timedOut) return { outcome: 'timeout' };
  if (result !== null && typeof result === 'object' && typeof result[Symbol.asyncIterator] === 'function') {
    const iterator = result[Symbol.asyncIterator]();
    for (let i = 0; i < MAX_ITEMS; i++) {
      const item = await within(SafePromise.resolve(iterator.next()));
      if (item === timedOut) return { outcome: 'timeout' };
      if (!item || item.done) break;
    }
  } else if (result !== null && typeof result === 'object' && !Array.isArray(result) && typeof result[Symbol.iterator] === 'function' && typeof result.next === 'function') {
    for (let i = 0; i < MAX_ITEMS; i++) if (result.next().done) break;
  }
  return { outcome: 'returned', result };
}

function errorText(error) {
  return `${error?.code ?? error?.name ?? 'Error'}: ${String(error?.message ?? error).split('\n')[0]}`.slice(0, 120);
}

/**
 * Loads the package's own dependencies as it finds them (require() from its
 * folder; import() of what only loads as an ES module), outside any step.
 * Only what resolves into a node_modules folder below or beside the package
 * counts: a name that leads into the package itself (a self-reference, a
 * path) would run its own code before its steps.
 */
async function loadDependencies(packageDir, manifest) {
  const fromPackage = createRequire(path.join(packageDir, 'package.json'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies }).slice(0, MAX_DEPENDENCIES);
  const own = packageDir + path.sep;
  const nested = path.join(packageDir, 'node_modules') + path.sep;
  for (const name of names) {
    if (name === manifest.name || !/^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i.test(name)) continue;
    let file;
    try {
      file = fromPackage.resolve(name);
    } catch {
      continue;
    }
    if (!path.isAbsolute(file) || !file.includes(`${path.sep}node_modules${path.sep}`) || (file.startsWith(own) && !file.startsWith(nested))) continue;
    try {
      fromPackage(name);
    } catch (error) {
      if (error?.code !== 'ERR_REQUIRE_ESM') continue;
      try {
        await import(pathToFileURL(file).href);
      } catch {}
    }
  }
}

async function run({ appRequire, appImport, argv, secrets, dependenciesFirst = false }) {
  const [mode, projectDir, name, phaseArg, leftArg, fromArg, skipArg] = argv;
  // The process's cwd as the kernel resolved it, in the trace (a consumer started again has no traced parent to inherit it from).
  // Every step starts there: a call that changed it (shelljs's cd() goes home) does not move the next calls' relative paths.
  const callerDir = currentDir();
  changeDir(callerDir);
  const manifest = JSON.parse(readFileSync(path.join(projectDir, 'node_modules', name, 'package.json'), 'utf8'));
  const resumed = fromArg !== undefined;
  // The supervisor reads which step is under way on fd 3 (execute mode only).
  const marker = callMarker({ progressFd: mode === 'execute' ? 3 : -1 });
  // What the steps leave behind (timers, unref'd ones too, sockets, children) gets its window at the end (observe-window.mjs).
  const { watchLoading, windowMs } = await import('./observe-window.mjs');
  const watch = watchLoading();
  const budgets = { bin: BIN_BUDGET_MS, wait: windowMs() + CALL_BUDGET_MS };
  const budgetOf = (kind) => budgets[kind] ?? CALL_BUDGET_MS;
  /** When the watchdog ends a step still under way: past its budget, its quiet time and STEP_GRACE_MS (a loading: LOAD_LIMIT_MS). */
  const limitOf = (kind) => (kind === 'load' ? LOAD_LIMIT_MS * SPEED : budgetOf(kind) + QUIET_MS + STEP_GRACE_MS * SPEED);
  // The phase's time on this process's clock: when it started, and when each kind of step stops starting.
  const phaseMs = Number(phaseArg) * SPEED || Infinity;
  const phaseStart = Date.now() - (phaseMs - Number(leftArg) * SPEED || 0);
  const startBy = { call: phaseStart + CALLS_SHARE * phaseMs, construct: phaseStart + CALLS_SHARE * phaseMs, bin: phaseStart + BINS_SHARE * phaseMs, wait: phaseStart + WAIT_SHARE * phaseMs };
  // Steps that ended a consumer are never run again, loadings included; other steps before the last of them ran already.
  const ended = new Set(resumed ? skipArg.split(',').map(Number) : []);
  const skipThrough = resumed ? Math.max(...ended) : -1;
  process.on('uncaughtException', () => {});
  process.on('unhandledRejection', () => {});
  if (dependenciesFirst) await loadDependencies(path.join(projectDir, 'node_modules', name), manifest);
  let index = resumed ? Number(fromArg) : 0;
  let plan = 0;
  let uncalled = 0;
  // The consumer's own stdio opens lazily: open it now, and let its start-up work end, so neither lands on the first step.
  void process.stdout;
  void process.stderr;
  for (let i = 0; i < 3; i++) await new SafePromise((resolve) => nextTurn(resolve));
  const outcomes = { returned: 0, threw: 0, timeout: 0 };
  /** The kinds of the steps that ran. */
  const ran = new Set();
  /**
   * Runs one step between its markers: `act` returns a value to settle, or throws.
   * A step up to the one a crash ended is not run again when resuming, except
   * `redo` ones (loadings, and the constructions giving the instance for later methods).
   * `timing`: the kind of step whose budget, limit and quiet time it has, when it
   * is reported as another kind (a loading of a main that is a bin, a closing
   * wait after bin runs alone).
   */
  const step = async (what, act, { redo = false, timing = what.step } = {}) => {
    const position = plan++;
    if (ended.has(position) || (position < skipThrough && !redo)) return { ok: false };
    if (index >= MAX_STEPS || Date.now() >= (startBy[timing] ?? Infinity)) {
      uncalled += 1;
      return { ok: false };
    }
    if (currentDir() !== callerDir) changeDir(callerDir);
    // What earlier steps left running is theirs: this step waits only for what it adds.
    const before = activeResources().length;
    const at = index++;
    ran.add(what.step);
    marker('start', at, { ...what, target: what.target.slice(0, TARGET_CHARS), plan: position }, { limitMs: mode === 'execute' ? Math.round(limitOf(timing)) : 0, plan: position });
    const deadline = Date.now() + budgetOf(timing);
    let outcome;
    let value;
    let result;
    let detail;
    try {
      value = await (timing === 'wait' ? act() : watch.during(act));
      ({ outcome, result } = await settle(value, deadline));
    } catch (error) {
      outcome = 'threw';
      detail = errorText(error);
    }
    await quiet(before, timing === 'load' ? LOAD_QUIET_MS : QUIET_MS);
    outcomes[outcome] += 1;
    marker('end', at, detail === undefined ? { outcome } : { outcome, detail });
    return { ok: outcome !== 'threw', value, result };
  };
  const planner = {
    /** Passes over the next `count` plan positions when all lie before the resume point (a target called before the crash). */
    passedOver(count) {
      if (plan + count - 1 > skipThrough) return false;
      plan += count;
      return true;
    },
    /** Leaves out `count` plan positions (constructions not needed, methods of a class that could not be constructed). */
    advance(count) {
      plan += count;
    },
  };

  const loadings = [];
  const mainBin = binOfMain(projectDir, name);
  // A main that is a bin is loaded as that bin run (by import() too when no exports map can point it elsewhere).
  const loadStep = (specifier, argument) =>
    specifier === name && mainBin !== null && (argument === 'require' || manifest.exports === undefined)
      ? { step: 'bin', target: `${name} (its main is its bin ${mainBin})`, argument }
      : { step: 'load', target: specifier, argument };
  for (const subpath of exportSubpaths(manifest, name)) {
    const specifier = subpath === '.' ? name : `${name}${subpath.slice(1)}`;
    const required = await step(loadStep(specifier, 'require'), () => appRequire(specifier), { redo: true, timing: 'load' });
    if (required.ok) loadings.push({ label: `require('${specifier}')`, value: required.value });
    let namespace;
    const imported = await step(loadStep(specifier, 'import'), async () => {
      namespace = await (await appImport()).load(specifier);
    }, { redo: true, timing: 'load' });
    if (imported.ok) loadings.push({ label: `import('${specifier}')`, value: namespace });
  }
  if (mode === 'execute') {
    const seen = new Set();
    for (const loading of loadings) {
      for (const target of exposedTargets(loading.value, loading.label, seen)) await callTarget(target, step, planner, argumentSets(projectDir, secrets), seen);
    }
    for (const bin of binNames(manifest, name)) {
      for (const args of BIN_ARGUMENTS) {
        await step({ step: 'bin', target: [bin, ...args].join(' '), argument: args.length === 0 ? 'none' : args[0] }, () => runBin(path.join(projectDir, 'node_modules', '.bin', bin), args, projectDir));
      }
    }
  }
  // What bin runs alone left running (a development server a main that is a bin started) is still those runs' doing.
  const leftBy = ran.size > 0 && [...ran].every((kind) => kind === 'bin') ? 'bin' : 'wait';
  if (watch.busy()) await step({ step: leftBy, target: 'what the steps left running', argument: 'none' }, () => watch.observe(), { redo: true, timing: 'wait' });
  watch.stop();
  process.stdout.write(`${JSON.stringify({ mode, steps: index, loaded: loadings.map((loading) => loading.label), ...outcomes, uncalled })}\n`);
  // The supervisor starts again a consumer that ended without this line, however it ended (a call's process.exit(0) too).
  if (mode === 'execute') {
    try {
      writeSync(3, 'done\n');
    } catch {}
  }
  // Whatever still runs after its window ends with the consumer.
  exit(mode === 'execute' || loadings.length > 0 ? 0 : 1);
}

/**
 * A function called with every argument set; a class constructed with each
 * until one works, then its methods called. What the first call of a
 * function that gives an object gives (a factory's client) has methods of
 * its own (exposed-targets.cjs, resultMethods): those are called the same
 * way, right after. Each target takes a fixed range of plan positions (a
 * function: one per kind, then MAX_RESULT_METHODS per kind; a class: one per
 * kind to construct with, then one per method and kind), whichever calls
 * and constructions work.
 */
async function callTarget(target, step, planner, sets, seen) {
  const resultPositions = MAX_RESULT_METHODS * sets.length;
  if (target.kind === 'function') {
    if (planner.passedOver(sets.length + resultPositions)) return;
    let used;
    for (const [kind, args] of sets) {
      const called = await step({ step: 'call', target: target.path, argument: kind }, () => apply(target.fn, target.self, args(arityOf(target.fn))));
      const methods = used === undefined && called.ok ? resultMethods(called.result, seen) : [];
      if (methods.length > 0) used = { label: `${target.path}(${kind})`, object: called.result, methods };
    }
    await callMethods(used, step, planner, sets);
    return;
  }
  const methods = prototypeMethods(target.fn);
  if (planner.passedOver(sets.length * (1 + methods.length))) return;
  let instance;
  let tried = 0;
  for (const [kind, args] of sets) {
    tried += 1;
    const made = await step({ step: 'construct', target: `new ${target.path}`, argument: kind }, () => construct(target.fn, args(arityOf(target.fn))), { redo: true });
    if (made.ok && made.value !== null && typeof made.value === 'object') {
      instance = made.value;
      break;
    }
  }
  planner.advance(sets.length - tried);
  if (instance === undefined) {
    planner.advance(sets.length * methods.length);
    return;
  }
  for (const method of methods) {
    for (const [kind, args] of sets) {
      // The method is read once per call: a getter in its place runs once, as in an app's call.
      const callMethod = () => {
        const fn = instance[method];
        return apply(fn, instance, args(arityOf(fn)));
      };
      await step({ step: 'call', target: `${target.path}#${method}`, argument: kind }, callMethod);
    }
  }
}

/** Calls the methods of an object a target gave (`used`: its label, the object, its methods) with every argument set; takes MAX_RESULT_METHODS positions per kind either way. */
async function callMethods(used, step, planner, sets) {
  const methods = used?.methods ?? [];
  for (const { name, fn } of methods) {
    for (const [kind, args] of sets) await step({ step: 'call', target: `${used.label}.${name}`, argument: kind }, () => apply(fn, used.object, args(arityOf(fn))));
  }
  planner.advance((MAX_RESULT_METHODS - methods.length) * sets.length);
}

function runBin(file, args, cwd) {
  return new SafePromise((resolve, reject) => {
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'ignore', 'ignore'] });
    const timer = startTimer(() => child.kill('SIGKILL'), BIN_BUDGET_MS);
    child.on('error', (error) => {
      stopTimer(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      stopTimer(timer);
      if (code === 0) resolve(undefined);
      else reject(new Error(signal ? `killed by ${signal}` : `exit ${code}`));
    });
  });
}

module.exports = { run };
