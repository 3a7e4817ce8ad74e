// Marks in the trace where each step of the consumer (a loading, a call, a
// bin run) starts and ends, for the host to attribute every event to the
// step that caused it (src/pipeline/calls/split-call-trace.ts). A worker
// thread holds the token chain and opens the markers:
// /dev/null/dynaudit-call-marker/<start|end>/<index>/<token>/<next>/<what>
// (ENOTDIR), where <what> is the step's description (start) or its outcome
// (end), base64url JSON. Package code runs on the main thread: it cannot read
// the tokens nor change how the worker (its own fs) opens the markers; the
// main thread reaches the worker through Atomics captured here, before any
// package loads. A marker-shaped open the host does not accept stays the
// doing of the step under way.
// The worker is also the step's watchdog: a step still under way past its
// limit (a busy loop, an event loop the package broke) gets an end marker
// `timeout` and the process is killed, for the phase's supervisor to start
// the consumer again after it. With `progressFd`, the worker writes
// `<index> <plan>` there at each start, so the supervisor knows which step
// was under way when the process died (SUPERVISOR_SCRIPT in
// src/pipeline/calls/consumer-command.ts).
'use strict';
const { Worker } = require('node:worker_threads');

const WORDS = 512;
/** How often (ms, of whatever clock Atomics.wait's timeout runs on) the worker looks at the watchdog's limit while no request comes. */
const WATCH_SLICE_MS = 200;

function callMarker({ progressFd = -1 } = {}) {
  const { store, load, notify, wait } = Atomics;
  const shared = new Int32Array(new SharedArrayBuffer(24 + WORDS * 4));
  // [0] request number, [1] kind (0 start, 1 end), [2] index, [3] last request done,
  // [4] watchdog limit (ms of the process's clock), [5] plan position, [6..] description bytes (length first).
  const worker = new Worker(
    `const { workerData: { shared, progressFd } } = require('node:worker_threads');
     const { openSync, writeSync } = require('node:fs');
     const { randomBytes } = require('node:crypto');
     const { load, store, notify, wait } = Atomics;
     const token = () => randomBytes(12).toString('hex');
     const now = Date.now;
     let current = token();
     const mark = (kind, index, what) => {
       const following = token();
       try { openSync('/dev/null/dynaudit-call-marker/' + kind + '/' + index + '/' + current + '/' + following + '/' + Buffer.from(what).toString('base64url'), 'r'); } catch {}
       current = following;
     };
     // The step under way (-1: none) and when its watchdog ends the process (null: never). A step ends once: an end for any other is not marked.
     let open = -1;
     let limit = null;
     for (let seen = 0; ; ) {
       if (wait(shared, 0, seen, ${WATCH_SLICE_MS}) === 'timed-out') {
         if (limit !== null && open >= 0 && now() >= limit) {
           mark('end', open, JSON.stringify({ outcome: 'timeout', detail: 'stopped: still running at its step limit' }));
           open = -1;
           process.kill(process.pid, 'SIGKILL');
         }
         continue;
       }
       seen = load(shared, 0);
       const length = load(shared, 6);
       const bytes = Buffer.alloc(length);
       for (let i = 0; i < length; i++) bytes[i] = load(shared, 7 + i);
       const start = load(shared, 1) === 0;
       const index = load(shared, 2);
       if (start || index === open) mark(start ? 'start' : 'end', index, bytes);
       open = start ? index : -1;
       limit = start && load(shared, 4) > 0 ? now() + load(shared, 4) : null;
       if (start && progressFd >= 0) try { writeSync(progressFd, index + ' ' + load(shared, 5) + '\\n'); } catch {}
       store(shared, 3, seen);
       notify(shared, 3);
     }`,
    { eval: true, workerData: { shared, progressFd } },
  );
  worker.unref();
  let requests = 0;
  /** `limitMs` (start): how long the step may run before the watchdog ends the process (0: no watchdog); `plan`: its position in the consumer's plan. */
  return (kind, index, what, { limitMs = 0, plan = 0 } = {}) => {
    const bytes = Buffer.from(JSON.stringify(what)).subarray(0, WORDS - 8);
    requests += 1;
    store(shared, 1, kind === 'start' ? 0 : 1);
    store(shared, 2, index);
    store(shared, 4, limitMs);
    store(shared, 5, plan);
    store(shared, 6, bytes.length);
    for (let i = 0; i < bytes.length; i++) store(shared, 7 + i, bytes[i]);
    store(shared, 0, requests);
    notify(shared, 0);
    while (load(shared, 3) !== requests) wait(shared, 3, requests - 1, 1000);
  };
}

module.exports = { callMarker };
