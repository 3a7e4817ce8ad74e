import test from 'ava';
import { MAX_LINE_LENGTH, parseStrace } from '../../../src/trace/index.js';
import { fixture, line } from './helpers.js';

test('unfinished and resumed lines merge into one call', (t) => {
  const records = parseStrace(fixture('interleave.txt'));
  t.false(records.some((record) => record.kind === 'resumed'));
  t.false(records.some((record) => record.kind === 'unfinished'));
  const writes = records.filter((record) => record.syscall === 'openat' && /"f\d\.txt"/.test(record.args[1] ?? ''));
  t.is(writes.length, 6);
  for (const write of writes) {
    t.is(write.kind, 'syscall');
    t.is(write.args.length, 4);
    t.regex(write.resultAnnotation ?? '', /^\/tmp\/dynaudit-fx\/work\/f\d\.txt$/);
  }
});

test('a clone split across lines keeps all of its arguments and its result', (t) => {
  const text = [
    line(10, 'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD <unfinished ...>', '1.000001'),
    line(11, 'execve("/usr/bin/sh", ["sh"], 0x1 /* 2 vars */) = 0', '1.000002'),
    line(10, '<... clone resumed>, child_tidptr=0x7f) = 11', '1.000003'),
  ].join('\n') + '\n';
  const records = parseStrace(text);
  t.is(records.length, 2);
  t.like(records[0], { kind: 'syscall', pid: 10, syscall: 'clone', result: 11, timestampMs: 1000.001 });
  t.deepEqual(records[0]!.args, ['child_stack=NULL', 'flags=CLONE_CHILD_CLEARTID|SIGCHLD', 'child_tidptr=0x7f']);
});

test('the merged call takes the place of its start, so a clone comes before its child', (t) => {
  const records = parseStrace(fixture('spawn-curl.txt'));
  const vfork = records.findIndex((record) => record.syscall === 'vfork');
  const child = records[vfork]!.result!;
  const firstOfChild = records.findIndex((record) => record.pid === child);
  t.true(vfork >= 0 && vfork < firstOfChild);
});

test('a truncated last line cut inside an argument is ignored', (t) => {
  const text = `${line(1, 'rename("a", "b") = 0')}\n${line(1, 'openat(AT_FDCWD</w>, "/home/u/.np')}`;
  const records = parseStrace(text);
  t.is(records.length, 1);
  t.is(records[0]!.syscall, 'rename');
});

test('a last line cut inside the result is kept without its result', (t) => {
  const text = `${line(1, 'clone(child_stack=NULL, flags=SIGCHLD, child_tidptr=0x7f) = 12')}`;
  const records = parseStrace(text);
  t.like(records[0], { kind: 'unfinished', syscall: 'clone', result: null });
});

test('a call still blocked when the tracer was killed is kept as an unfinished call', (t) => {
  const records = parseStrace(fixture('killed.txt'));
  const last = records[records.length - 1]!;
  t.like(last, { kind: 'unfinished', syscall: 'connect', result: null });
  t.is(last.args.length, 3);
});

test('a killed process is recorded as killed', (t) => {
  t.true(parseStrace(fixture('killed.txt')).some((record) => record.kind === 'killed' && record.signal === 'SIGKILL'));
});

test('an execve by a thread is merged under the pid it takes over and counts as a success', (t) => {
  const text =
    [
      line(22666, 'execve("/bin/true", ["true", "x"], 0x7ffe63401dc8 /* 42 vars */ <pid changed to 22508 ...>'),
      line(22508, '+++ superseded by execve in pid 22666 +++'),
      line(22508, '<... execve resumed>) = -1 (errno 18446744073709551359)'),
    ].join('\n') + '\n';
  const records = parseStrace(text);
  t.like(records[0], { kind: 'syscall', pid: 22508, syscall: 'execve', result: 0 });
  t.is(records[0]!.errno, undefined);
  t.like(records[1], { kind: 'superseded', pid: 22508, otherPid: 22666 });
});

test('a resumed line without its start is dropped', (t) => {
  t.deepEqual(parseStrace(`${line(3, '<... openat resumed>) = 4</x>')}\n`), []);
});

test('an overlong line is not parsed but kept as an overlong record with its pid, time and syscall', (t) => {
  const huge = line(7, `execve("/bin/sh", ["sh", "${'a'.repeat(MAX_LINE_LENGTH)}"], 0x1) = 0`);
  const records = parseStrace(`${huge}\n${line(1, 'chdir("/") = 0')}\n`);
  t.deepEqual(
    records.map((record) => [record.kind, record.pid, record.syscall]),
    [
      ['overlong', 7, 'execve'],
      ['syscall', 1, 'chdir'],
    ],
  );
  t.is(records[0]?.lineLength, huge.length);
  t.is(records[0]?.timestampMs, 1795997324000.1);
});
