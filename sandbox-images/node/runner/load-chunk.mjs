// Loads many installed packages in one process, in the order given
// (dependencies first), so each module's top-level code runs once, when its
// own package is imported. Before and after each import a marker is opened:
// /dev/null/dynaudit-import-marker/<start|ok|failed>/<index>/<token>/<next>
// (ENOTDIR): strace records it and the trace is split there; a `bin` marker
// after the start says the package's main is one of its bins (main-bin.cjs). Each marker
// names the token of the next, and the tokens live only in a worker thread
// of this process that opens the markers: package code runs on the main
// thread and cannot read them, nor intercept how they are opened (the
// worker has its own fs, the main thread reaches it through Atomics
// captured before any package loads). A marker-shaped open that is not
// accepted (a forgery) is kept as the doing of the package that made it.
//
// Usage: node load-chunk.mjs supervise TIMEOUT_SECONDS BASE NAME [BASE NAME]...
// The supervisor runs a loader process (`load START ...`) and restarts it
// from the next package when one hangs past the timeout (killed), crashes,
// or leaves work running after its import and its observation window
// (observe-window.mjs: timers, unref'd ones too, sockets, children): the
// restart ends that work so nothing it does lands on a later package.
// TIMEOUT_SECONDS is on the loader's clock (accelerated in the sandbox). The
// loader tells the supervisor on fd 3 when each import starts and ends; the
// supervisor only accepts those reports in order, so package code writing
// to fd 3 cannot make it skip packages (and any package the trace shows no
// start marker for is analyzed again on its own).
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { binOfMain } from './main-bin.cjs';
import { watchLoading } from './observe-window.mjs';

const SETTLE_MS = 2000;
const LINGERING_EXIT = 3;
const [mode, first, ...rest] = process.argv.slice(2);
const items = [];
for (let i = 0; i + 1 < rest.length; i += 2) items.push({ base: rest[i], name: rest[i + 1] });

if (mode === 'supervise') await supervise(Number(first) * 1000);
else if (mode === 'load') await loadFrom(Number(first));
else throw new Error(`unknown mode ${mode}`);

async function supervise(timeoutMs) {
  let next = 0;
  while (next < items.length) {
    const from = next;
    const child = spawn(process.execPath, ['--experimental-import-meta-resolve', fileURLToPath(import.meta.url), 'load', String(from), ...rest], {
      stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
    });
    // The index whose import is under way, as the loader reported it in order; -1 before the first.
    let current = -1;
    let timer;
    let buffered = '';
    child.stdio[3].on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [what, index] = line.split(' ');
        const at = Number(index);
        if (what === 'start' && at === (current === -1 ? from : current + 1)) {
          current = at;
          clearTimeout(timer);
          timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        } else if (what === 'end' && at === current) {
          clearTimeout(timer);
        }
      }
    });
    await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    // Go on after the last package started (whatever happened to it), always forward.
    next = Math.max(from + 1, current + 1);
  }
}

/** The marker opener: a worker thread holding the token chain, driven through a shared buffer. */
function markerOpener() {
  const { store, load, notify, wait } = Atomics;
  const shared = new Int32Array(new SharedArrayBuffer(16));
  // [0] request number, [1] kind (0 start, 1 ok, 2 failed, 3 bin), [2] index, [3] last request done.
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { openSync } = require('node:fs');
     const { randomBytes } = require('node:crypto');
     const { load, store, notify, wait } = Atomics;
     const shared = workerData;
     const KINDS = ['start', 'ok', 'failed', 'bin'];
     const token = () => randomBytes(12).toString('hex');
     let current = token();
     for (let seen = 0; ; ) {
       wait(shared, 0, seen);
       seen = load(shared, 0);
       const following = token();
       try { openSync('/dev/null/dynaudit-import-marker/' + KINDS[load(shared, 1)] + '/' + load(shared, 2) + '/' + current + '/' + following, 'r'); } catch {}
       current = following;
       store(shared, 3, seen);
       notify(shared, 3);
     }`,
    { eval: true, workerData: shared },
  );
  worker.unref();
  let requests = 0;
  const KIND = { start: 0, ok: 1, failed: 2, bin: 3 };
  return (kind, index) => {
    requests += 1;
    store(shared, 1, KIND[kind]);
    store(shared, 2, index);
    store(shared, 0, requests);
    notify(shared, 0);
    while (load(shared, 3) !== requests) wait(shared, 3, requests - 1, 1000);
  };
}

async function loadFrom(start) {
  const marker = markerOpener();
  const tell = (line) => {
    try {
      writeSync(3, `${line}\n`);
    } catch {}
  };
  // What the loader itself keeps open (its stdio, opened now: they open lazily on first use), once its start-up work is done.
  void process.stdout;
  void process.stderr;
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  const baseline = process.getActiveResourcesInfo().filter((kind) => kind !== 'CloseReq').length;
  for (let index = start; index < items.length; index++) {
    tell(`start ${index}`);
    marker('start', index);
    // A main that is one of its bins: loading it runs that CLI, and is judged as that bin run (main-bin.cjs).
    if (binOfMain(items[index].base, items[index].name) !== null) marker('bin', index);
    const watch = watchLoading();
    const loaded = await watch.during(() => load(items[index]));
    marker(loaded ? 'ok' : 'failed', index);
    // Its deferred work (unref'd timers too) runs in its own window, before the next start marker.
    const quiet = await watch.observe();
    watch.stop();
    const settled = quiet && (await settle(baseline));
    tell(`end ${index}`);
    if (!settled) process.exit(LINGERING_EXIT);
  }
  process.exit(0);
}

/** Waits until the import left nothing running (up to SETTLE_MS); false if something still runs. */
async function settle(baseline) {
  const until = Date.now() + SETTLE_MS;
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    if (process.getActiveResourcesInfo().length <= baseline) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function load({ base, name }) {
  const manifest = path.join(base, 'package.json');
  try {
    createRequire(manifest)(name);
    return true;
  } catch (error) {
    process.stderr.write(`${name}: require: ${error?.code ?? ''} ${String(error?.message ?? error).split('\n')[0]}\n`);
  }
  try {
    await import(import.meta.resolve(name, pathToFileURL(manifest).href));
    return true;
  } catch (error) {
    process.stderr.write(`${name}: import: ${error?.code ?? ''} ${String(error?.message ?? error).split('\n')[0]}\n`);
  }
  return false;
}
