import test from 'ava';
import { parseStrace, processLifetimes } from '../../../src/trace/index.js';
import { line } from './helpers.js';

const lifetimes = (...lines: string[]) => processLifetimes(parseStrace(`${lines.join('\n')}\n`));
const fork = (parent: number, child: number): string => line(parent, `clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = ${child}`);
const thread = (parent: number, child: number): string =>
  line(parent, `clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, child_tid=0x1, parent_tid=0x1, exit_signal=0, stack=0x1, stack_size=0x1, tls=0x1} => {parent_tid=[${child}]}, 88) = ${child}`);

test('a detached child that outlived the phase command is a survivor, its threads are not', (t) => {
  const result = lifetimes(
    line(10, 'execve("/usr/bin/npm", ["npm"], 0x1 /* 1 var */) = 0'),
    thread(10, 11),
    fork(10, 20),
    thread(20, 21),
    line(11, '+++ exited with 0 +++'),
    line(10, '+++ exited with 0 +++'),
  );
  t.deepEqual(result, { rootPid: 10, rootEnd: { exitCode: 0 }, survivors: [20], killed: [], forkFailures: 0 });
});

test('a phase cut at its time limit leaves the root running', (t) => {
  t.like(lifetimes(line(10, 'execve("/usr/bin/npm", ["npm"], 0x1 /* 1 var */) = 0'), fork(10, 20)), { rootEnd: null, survivors: [10, 20] });
});

test('processes killed by SIGKILL while the trace ran are the OOM killer\'s candidates', (t) => {
  t.like(lifetimes(line(10, 'execve("/usr/bin/npm", ["npm"], 0x1 /* 1 var */) = 0'), fork(10, 20), line(20, '+++ killed by SIGKILL +++')), {
    killed: [20],
    survivors: [10],
  });
});

test('forks refused with EAGAIN are counted', (t) => {
  const refused = line(20, 'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = -1 EAGAIN (Resource temporarily unavailable)');
  t.is(lifetimes(line(10, 'execve("/bin/bash", ["bash"], 0x1 /* 1 var */) = 0'), fork(10, 20), refused, refused).forkFailures, 2);
});

test('an empty trace has no root', (t) => {
  t.deepEqual(lifetimes(), { rootPid: null, rootEnd: null, survivors: [], killed: [], forkFailures: 0 });
});
