import test from 'ava';
import { KILL_SWEEPS, killRunnerCommand, phaseCommand } from '../../../src/sandbox/phase-command.js';

test('the phase runs the traced command under timeout -s KILL, with its arguments passed through untouched', (t) => {
  const command = phaseCommand(30, ['strace', '-o', '/x y', '--', 'npm', 'ci']);
  t.is(command[0], 'bash');
  t.is(command[1], '-c');
  t.deepEqual(command.slice(3), ['dynaudit-phase', '30', 'strace', '-o', '/x y', '--', 'npm', 'ci']);
  t.regex(command[2] ?? '', /exec timeout -s KILL "\$limit" "\$@"/);
});

test('the traced command gets the highest OOM score, so the OOM killer never picks init or the phase shell', (t) => {
  t.regex(phaseCommand(1, ['x'])[2] ?? '', /echo 1000 > \/proc\/self\/oom_score_adj/);
});

test('after the command, every runner process is killed with builtins only (no fork needed under a fork bomb)', (t) => {
  const script = phaseCommand(1, ['x'])[2] ?? '';
  t.regex(script, /exec setpriv --reuid=1001 --regid=1001 --clear-groups bash -c/);
  t.regex(script, /kill -9 -1/);
  t.regex(script, new RegExp(`-lt ${KILL_SWEEPS}`));
  t.regex(killRunnerCommand()[2] ?? '', /kill -9 -1/);
});
