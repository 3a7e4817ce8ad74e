// Loads many installed packages in one process, in the order given
// (dependencies first), so each module's top-level code runs once, when its
// own package is imported. Before and after each import it opens
// /dev/null/dynaudit-import-marker/<start|ok|failed>/<index>/<token>/<next>
// (ENOTDIR): strace records it and the trace is split there. Each marker
// names the token of the next, kept in this module's scope, so package code
// cannot forge one that is accepted.
//
// Usage: node load-chunk.mjs supervise TIMEOUT_SECONDS BASE NAME [BASE NAME]...
// The supervisor runs a loader process (`load START ...`) and restarts it
// from the next package when one hangs past the timeout (killed), crashes,
// or leaves work running after its import (timers, sockets, children): the
// restart ends that work so nothing it does lands on a later package.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MARKER_DIR = '/dev/null/dynaudit-import-marker';
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
    let started = -1;
    let ended = from - 1;
    let timer;
    let buffered = '';
    child.stdio[3].on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [what, index] = line.split(' ');
        const at = Number(index);
        if (!Number.isInteger(at) || at < from || at >= items.length) continue;
        if (what === 'start') {
          started = at;
          clearTimeout(timer);
          timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        } else if (what === 'end') {
          ended = Math.max(ended, at);
          clearTimeout(timer);
        }
      }
    });
    await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    // Go on after the last package started (whatever happened to it), always forward.
    next = Math.max(from + 1, started + 1, ended + 1);
  }
}

function token() {
  return randomBytes(12).toString('hex');
}

async function loadFrom(start) {
  let current = token();
  const marker = (kind, index) => {
    const following = token();
    try {
      openSync(`${MARKER_DIR}/${kind}/${index}/${current}/${following}`, 'r');
    } catch {}
    current = following;
  };
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
    const loaded = await load(items[index]);
    marker(loaded ? 'ok' : 'failed', index);
    const settled = await settle(baseline);
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
