import test from 'ava';
import { STRACE_STRING_BYTES, straceCommand, TRACED_SYSCALLS } from '../../../src/sandbox/strace-command.js';
import { FILE_SYSCALLS, LISTEN_SYSCALLS, PRIVILEGED_SYSCALLS } from '../../../src/trace/index.js';

test('every syscall the trace parser reads is traced', (t) => {
  const traced = new Set<string>(TRACED_SYSCALLS);
  for (const syscall of [...FILE_SYSCALLS, ...PRIVILEGED_SYSCALLS, ...LISTEN_SYSCALLS]) t.true(traced.has(syscall), syscall);
});

test('strings are printed up to the kernel\'s limit on one exec argument, so no command line is cut', (t) => {
  const command = straceCommand('/state/install.strace', 'runner', ['npm', 'ci']);
  t.is(STRACE_STRING_BYTES, 128 * 1024);
  t.is(command[command.indexOf('-s') + 1], '131072');
  t.true(command.includes('-yy'));
  t.deepEqual(command.slice(-3), ['--', 'npm', 'ci']);
});

test('io_uring and seccomp are refused, so no I/O or call can go around the tracer', (t) => {
  const command = straceCommand('/state/install.strace', 'runner', ['npm', 'ci']);
  t.true(command.includes('inject=io_uring_setup:error=ENOSYS'));
  t.true(command.includes('inject=seccomp:error=EPERM'));
  t.true(TRACED_SYSCALLS.includes('io_uring_setup') && TRACED_SYSCALLS.includes('seccomp'));
});

test('the tracer filters syscalls in the kernel under runc, and stops on every syscall under gVisor, whose seccomp loses a long filter\'s tracees', (t) => {
  t.true(straceCommand('/state/install.strace', 'runner', ['npm', 'ci']).includes('--seccomp-bpf'));
  t.true(straceCommand('/state/install.strace', 'runner', ['npm', 'ci'], { runtime: 'runc' }).includes('--seccomp-bpf'));
  t.false(straceCommand('/state/install.strace', 'runner', ['npm', 'ci'], { runtime: 'runsc' }).includes('--seccomp-bpf'));
});

test('the clock\'s variables go to the traced command only, after strace\'s own options', (t) => {
  const command = straceCommand('/state/import.strace', 'runner', ['node', 'load.mjs'], { env: ['LD_PRELOAD=/lib/faketime.so', 'FAKETIME=+0d x100'] });
  t.deepEqual(command.slice(-7), ['-E', 'LD_PRELOAD=/lib/faketime.so', '-E', 'FAKETIME=+0d x100', '--', 'node', 'load.mjs']);
});
