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
'use strict';
const { Worker } = require('node:worker_threads');

const WORDS = 512;

function callMarker() {
  const { store, load, notify, wait } = Atomics;
  const shared = new Int32Array(new SharedArrayBuffer(16 + WORDS * 4));
  // [0] request number, [1] kind (0 start, 1 end), [2] index, [3] last request done, [4..] description bytes (length first).
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { openSync } = require('node:fs');
     const { randomBytes } = require('node:crypto');
     const { load, store, notify, wait } = Atomics;
     const shared = workerData;
     const token = () => randomBytes(12).toString('hex');
     let current = token();
     for (let seen = 0; ; ) {
       wait(shared, 0, seen);
       seen = load(shared, 0);
       const length = load(shared, 4);
       const bytes = Buffer.alloc(length);
       for (let i = 0; i < length; i++) bytes[i] = load(shared, 5 + i);
       const following = token();
       const kind = load(shared, 1) === 0 ? 'start' : 'end';
       try { openSync('/dev/null/dynaudit-call-marker/' + kind + '/' + load(shared, 2) + '/' + current + '/' + following + '/' + bytes.toString('base64url'), 'r'); } catch {}
       current = following;
       store(shared, 3, seen);
       notify(shared, 3);
     }`,
    { eval: true, workerData: shared },
  );
  worker.unref();
  let requests = 0;
  return (kind, index, what) => {
    const bytes = Buffer.from(JSON.stringify(what)).subarray(0, WORDS - 8);
    requests += 1;
    store(shared, 1, kind === 'start' ? 0 : 1);
    store(shared, 2, index);
    store(shared, 4, bytes.length);
    for (let i = 0; i < bytes.length; i++) store(shared, 5 + i, bytes[i]);
    store(shared, 0, requests);
    notify(shared, 0);
    while (load(shared, 3) !== requests) wait(shared, 3, requests - 1, 1000);
  };
}

module.exports = { callMarker };
