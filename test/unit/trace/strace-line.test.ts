import test from 'ava';
import { parseStraceLine } from '../../../src/trace/index.js';
import { line } from './helpers.js';

test('a complete call gives its pid, time, arguments and result', (t) => {
  const record = parseStraceLine(
    '25789 1795997323.933553 rename("payload.tmp", "payload.bin") = 0',
  );
  t.like(record, { kind: 'syscall', pid: 25789, syscall: 'rename', args: ['"payload.tmp"', '"payload.bin"'], result: 0 });
  t.is(record!.timestampMs, 1795997323933.553);
});

test('a failed call gives -1 and its errno name', (t) => {
  const record = parseStraceLine(
    line(25799, 'execve("/opt/none/bin/curl", ["curl"], 0x4348 /* 1 var */) = -1 ENOENT (No such file or directory)'),
  );
  t.like(record, { result: -1, errno: 'ENOENT' });
});

test('the fd returned by open keeps its -yy annotation apart from the value', (t) => {
  const record = parseStraceLine(
    line(1, 'openat(AT_FDCWD</w>, "/dev/null", O_RDONLY|O_CLOEXEC) = 18</dev/null<char 1:3>>'),
  );
  t.like(record, { result: 18, resultAnnotation: '/dev/null<char 1:3>' });
});

test('padding before the equals sign is accepted', (t) => {
  t.like(parseStraceLine(line(22707, 'chdir("/tmp")   = 0')), { syscall: 'chdir', result: 0 });
});

test('an unfinished line keeps the arguments printed so far', (t) => {
  const record = parseStraceLine(line(25904, 'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD <unfinished ...>'));
  t.like(record, { kind: 'unfinished', syscall: 'clone', result: null, args: ['child_stack=NULL', 'flags=CLONE_CHILD_CLEARTID|SIGCHLD'] });
});

test('a resumed line gives the result of the call', (t) => {
  const record = parseStraceLine(line(25904, '<... clone resumed>, child_tidptr=0x7fc24ce4ef50) = 25913'));
  t.like(record, { kind: 'resumed', syscall: 'clone', result: 25913 });
});

test('a call interrupted by the death of its process has no result', (t) => {
  const record = parseStraceLine(line(7, '<... connect resumed> <unfinished ...>) = ?'));
  t.like(record, { kind: 'resumed', syscall: 'connect', result: null });
});

test('exits, kills and signals are recognised', (t) => {
  t.like(parseStraceLine(line(9, '+++ exited with 127 +++')), { kind: 'exit', exitCode: 127 });
  t.like(parseStraceLine(line(9, '+++ killed by SIGKILL +++')), { kind: 'killed', signal: 'SIGKILL' });
  t.like(parseStraceLine(line(9, '+++ killed by SIGSEGV (core dumped) +++')), { kind: 'killed', signal: 'SIGSEGV' });
  t.like(parseStraceLine(line(9, '--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=5, si_stime=2 /* 0.02 s */} ---')), {
    kind: 'signal',
    signal: 'SIGCHLD',
  });
});

test('an execve from a thread shows as a pid change and a superseded notice', (t) => {
  t.like(parseStraceLine(line(22666, 'execve("/bin/true", ["true", "x"], 0x7ffe /* 42 vars */ <pid changed to 22508 ...>')), {
    kind: 'unfinished',
    otherPid: 22508,
  });
  t.like(parseStraceLine(line(22508, '+++ superseded by execve in pid 22666 +++')), { kind: 'superseded', otherPid: 22666 });
});

test('malformed lines give null rather than throwing', (t) => {
  for (const bad of [
    '',
    'garbage',
    'strace: Process 5 attached',
    line(1, 'openat(AT_FDCWD, "/etc/pass'),
    line(1, 'openat(AT_FDCWD, "/etc/passwd", O_RDONLY)'),
    line(1, '+++ exited with +++'),
    line(1, '<... openat resumed>'),
  ]) {
    t.is(parseStraceLine(bad), null, bad);
  }
});
