import test from 'ava';
import { shellMode } from '../../../src/policy/shell-mode.js';

test('-c among the leading options makes the first argument after them a command string', (t) => {
  t.is(shellMode(['sh', '-c', 'node install.js'], '/bin/sh'), 'command');
  t.is(shellMode(['bash', '-ec', 'x'], '/bin/bash'), 'command');
  t.is(shellMode(['bash', '-o', 'pipefail', '-c', 'x'], '/bin/bash'), 'command');
  t.is(shellMode(['bash', '--norc', '-lc', 'x'], '/bin/bash'), 'command');
  t.is(shellMode(['busybox', 'sh', '-c', 'x'], '/bin/busybox'), 'command');
});

test('a -c after the script\'s name belongs to the script: the shell runs a script', (t) => {
  t.is(shellMode(['bash', 'stage.sh', '-c', 'x'], '/bin/bash'), 'script');
  t.is(shellMode(['sh', '/tmp/x.sh', 'a -c b'], '/bin/sh'), 'script');
  t.is(shellMode(['sh', '--', '-c'], '/bin/sh'), 'script');
});

test('no command and no script: the shell reads its input; -i is interactive', (t) => {
  t.is(shellMode(['sh'], '/bin/sh'), 'stdin');
  t.is(shellMode(['bash', '-s', 'arg'], '/bin/bash'), 'stdin');
  t.is(shellMode(['bash', '-c'], '/bin/bash'), 'stdin');
  t.is(shellMode(['bash', '-i'], '/bin/bash'), 'interactive');
});

test('programs that are not shells have no shell mode', (t) => {
  t.is(shellMode(['node', '-c', 'x'], '/usr/local/bin/node'), null);
  t.is(shellMode(['busybox', 'wget', 'x'], '/bin/busybox'), null);
  t.is(shellMode(['sh', '-c', 'x'], '/tmp/evil'), 'command', 'argv[0] names a shell: blame may use it');
});
