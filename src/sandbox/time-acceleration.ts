/**
 * The clock a phase's package code runs on (pure): Debian's libfaketime,
 * preloaded into the traced command only (strace gets the variables with
 * `-E`, so its own timestamps, the phase's `timeout` and the host stay on
 * the real clock). Time runs TIME_SPEED times faster for every process of
 * the package: Date, timers (Node's run on CLOCK_MONOTONIC through libuv's
 * epoll_pwait, whose timeout libfaketime scales, so monotonic stays faked),
 * sleep(1) in a child. A payload that waits ten minutes acts after six
 * seconds. `daysAhead` starts the clock that many days ahead, for payloads
 * dated after their publication. Not faked (docs/evasion.md): /proc/uptime
 * and os.uptime(), file times the kernel stamps, and the preload itself
 * (LD_PRELOAD in the environment, the library in /proc/self/maps).
 */

/**
 * libfaketime of the image (sandbox-images/node/Dockerfile links it here).
 * Not its MT build: that one serialises every clock read behind a lock,
 * about 10 µs a call against 1.5 µs (a million Date.now() in Node: 9.8 s
 * against 1.5 s, 1.0 s unpreloaded), and npm and Node read the clock often.
 */
const FAKETIME_LIBRARY = '/usr/local/lib/libfaketime.so.1';

/** How much faster than the real clock package code sees time pass. */
export const TIME_SPEED = 100;

/** How long a loading is watched for work it left behind (timers, sockets, children), in the package's (accelerated) time. */
export const OBSERVATION_WINDOW_SECONDS = 15 * 60;

/** Days ahead of today the clock of the extra, date-gated loadings starts (see phaseClocks). */
export const DAYS_AHEAD = [3, 7] as const;

export interface PhaseClock {
  /** Whole days the clock starts ahead of the real date; 0 for today. */
  readonly daysAhead: number;
}

export const TODAY: PhaseClock = { daysAhead: 0 };

/**
 * The variables (`NAME=value`) of a phase that runs package code, for its
 * traced command alone: the phase runner calls this for every PhaseSpec
 * with a `clock` (install, import, execute: each sets `clock: TODAY`, the
 * extra dated loadings `{ daysAhead }`).
 */
export function phaseTimeEnvironment(clock: PhaseClock = TODAY): string[] {
  return [`LD_PRELOAD=${FAKETIME_LIBRARY}`, `FAKETIME=+${clock.daysAhead}d x${TIME_SPEED}`];
}

/** Real seconds that `acceleratedSeconds` of package time take. */
export function realSeconds(acceleratedSeconds: number): number {
  return acceleratedSeconds / TIME_SPEED;
}

/** Package-time seconds that pass in `real` seconds (what a loader running on the fast clock must wait for a real limit). */
export function acceleratedSeconds(real: number): number {
  return real * TIME_SPEED;
}
