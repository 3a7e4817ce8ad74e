/**
 * The command line of one phase inside the sandbox (pure): run as root, it
 * starts the traced command under `timeout -s KILL` with a high OOM score
 * (so the kernel's OOM killer picks the package's processes, never init or
 * the phase's own shell), and when that ends kills every process of the
 * runner user, detached ones included, before it exits with the command's
 * status. The kill loop uses shell builtins only (`exec setpriv` and
 * `kill -9 -1` as the runner): it needs no new process, so it works even
 * while a fork bomb holds every pid of the container.
 */
import { RUNNER_UID } from './sandbox-layout.js';

/** Kill sweeps at most: a fork bomb's survivors fork again while a sweep runs. */
export const KILL_SWEEPS = 500;

const SCRIPT = [
  'limit=$1; shift',
  // The shell's own stderr goes nowhere (no "Killed" job notices in the phase's output); the command gets the real one.
  'exec 3>&2 2>/dev/null',
  '( exec 2>&3 3>&-; { echo 1000 > /proc/self/oom_score_adj; } 2>/dev/null; exec timeout -s KILL "$limit" "$@" )',
  'status=$?',
  `exec setpriv --reuid=${RUNNER_UID} --regid=${RUNNER_UID} --clear-groups bash -c ` +
    `'n=0; while [ "$n" -lt ${KILL_SWEEPS} ] && kill -9 -1 2>/dev/null; do n=$((n+1)); done; exit "$1"' sweep "$status"`,
].join('\n');

export function phaseCommand(timeoutSeconds: number, traced: readonly string[]): string[] {
  return ['bash', '-c', SCRIPT, 'dynaudit-phase', String(timeoutSeconds), ...traced];
}

/** `command` as the runner, untraced (for a step that runs no package code). */
export function runnerCommand(command: readonly string[]): string[] {
  return ['setpriv', `--reuid=${RUNNER_UID}`, `--regid=${RUNNER_UID}`, '--init-groups', '--', ...command];
}

/** A command (run as the runner) that kills every process of the runner; same loop, for after an abandoned exec. */
export function killRunnerCommand(): string[] {
  return ['bash', '-c', `n=0; while [ "$n" -lt ${KILL_SWEEPS} ] && kill -9 -1 2>/dev/null; do n=$((n+1)); done; exit 0`];
}
