// The observation window of one loading: what the package's code left
// behind when its require/import returned (timers, unref'd ones too,
// sockets, servers, children, file watches) gets its chance to run before
// the loader moves on or ends. An async hook follows the loading's
// resources and everything they create in turn; the window lasts while any
// of them is pending, at most WINDOW_MS of the package's clock (15 minutes:
// with the sandbox's clock a hundred times faster, 9 s of real time; never
// more than REAL_CAP_MS of real time on a slower clock). A loading whose
// clock starts days ahead (src/sandbox/time-acceleration.ts) only looks
// for what acts at once on a later date: its window is DATED_WINDOW_MS.
// Once JUMP_SHARE of the window has passed, the timers still pending skip
// ahead and fire (fast-forward.mjs): a payload that waits an hour or a week
// acts in the window too.
// Our own timers are made with the hook muted, so they are never the package's.
import { createHook } from 'node:async_hooks';
import { fastForward } from './fast-forward.mjs';

/** Package-clock milliseconds; must match OBSERVATION_WINDOW_SECONDS in src/sandbox/time-acceleration.ts. */
export const WINDOW_MS = 15 * 60 * 1000;
const DATED_WINDOW_MS = 60 * 1000;
const REAL_CAP_MS = 9000;
const POLL_MS = 1000;
/** The share of the window after which pending timers skip ahead. */
const JUMP_SHARE = 1 / 3;
/** Resources that never act on their own (a signal listener waits for a signal nobody sends). */
const INERT = new Set(['PROMISE', 'SIGNALWRAP', 'TTYWRAP', 'DNSCHANNEL']);

/** The clock the loader runs on, from libfaketime's setting (`+7d x100`); the real one without it. */
function clock() {
  const setting = process.env.FAKETIME ?? '';
  const speed = Number(/\bx(\d+(?:\.\d+)?)\b/.exec(setting)?.[1] ?? 1);
  const daysAhead = Number(/^\+(\d+)d\b/.exec(setting)?.[1] ?? 0);
  return { speed: speed > 0 ? speed : 1, daysAhead };
}

/** How long (package-clock ms) a loading is watched on this process's clock. */
export function windowMs() {
  const { speed, daysAhead } = clock();
  return Math.min(daysAhead > 0 ? DATED_WINDOW_MS : WINDOW_MS, REAL_CAP_MS * speed);
}

/**
 * Starts following one loading. `during(fn)` runs the loading (its
 * synchronous part marks what it creates; the rest follows by cause);
 * `observe()` waits out the window and tells whether anything is still
 * pending at its end; `stop()` ends the following.
 */
export function watchLoading() {
  // What the loader itself keeps open (its stdio opens lazily on first use) is not the package's.
  void process.stdout;
  void process.stderr;
  const ours = new Set();
  const pending = new Set();
  /** The package's timers (Timeout objects) by async id, while they live. */
  const timers = new Map();
  let loading = false;
  let muted = false;
  const hook = createHook({
    init(id, type, trigger, resource) {
      if (muted || !(loading || ours.has(trigger))) return;
      ours.add(id);
      if (!INERT.has(type)) pending.add(id);
      if (type === 'Timeout') timers.set(id, resource);
    },
    destroy(id) {
      ours.delete(id);
      pending.delete(id);
      timers.delete(id);
    },
  });
  hook.enable();
  const own = (fn) => {
    muted = true;
    try {
      return fn();
    } finally {
      muted = false;
    }
  };
  return {
    /** Runs the loading; resolves with what it resolves with. */
    during(fn) {
      loading = true;
      try {
        return fn();
      } finally {
        loading = false;
      }
    },
    /** Waits while the loading's work is pending, up to the window (its timers skip ahead after JUMP_SHARE of it); true when nothing of it is left. */
    observe() {
      const start = Date.now();
      const jumpAt = start + windowMs() * JUMP_SHARE;
      const until = start + windowMs();
      return new Promise((resolve) => {
        const check = () => {
          if (pending.size === 0 || Date.now() >= until) return resolve(pending.size === 0);
          if (Date.now() >= jumpAt) own(() => fastForward(timers.values()));
          own(() => setTimeout(check, POLL_MS));
        };
        own(() => setImmediate(check));
      });
    },
    /** True while something the loadings made is pending. */
    busy: () => pending.size > 0,
    stop: () => hook.disable(),
  };
}
