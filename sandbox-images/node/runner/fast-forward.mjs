// Skipping ahead on the timers a package left: a payload that waits longer
// than the observation window (an hour, a day, a week, setTimeout's most)
// fires in it all the same. Each pending timer of the package is made to
// fire now, in the order it was due (its remaining delay becomes its rank in
// milliseconds), as if the clock had jumped past them all; an interval fires
// once and then keeps its own period. Node's Timeout keeps its delay in
// `_idleTimeout` and its start in `_idleStart`, and `refresh()` arms it again
// from now with that delay (lib/internal/timers.js). A timer is skipped ahead
// at most MAX_JUMPS times, so a long interval cannot keep the window busy.

const MAX_JUMPS = 3;
const jumps = new WeakMap();

/** Whether a Timeout is still armed (clearTimeout sets its delay to -1). */
function armed(timer) {
  return timer !== null && typeof timer === 'object' && typeof timer.refresh === 'function' && Number.isFinite(timer._idleTimeout) && timer._idleTimeout >= 0 && !timer._destroyed;
}

/** Makes every armed timer among `timers` fire now, earliest due first; returns how many it moved. */
export function fastForward(timers) {
  const due = [...timers]
    .filter((timer) => armed(timer) && (jumps.get(timer) ?? 0) < MAX_JUMPS)
    .map((timer) => ({ timer, at: timer._idleStart + timer._idleTimeout }))
    .sort((a, b) => a.at - b.at);
  due.forEach(({ timer }, rank) => {
    jumps.set(timer, (jumps.get(timer) ?? 0) + 1);
    timer._idleTimeout = rank + 1;
    timer.refresh();
  });
  return due.length;
}
