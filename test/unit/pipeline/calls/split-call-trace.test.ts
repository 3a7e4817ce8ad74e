import test from 'ava';
import { splitCallTrace } from '../../../../src/pipeline/calls/split-call-trace.js';
import { parseStrace } from '../../../../src/trace/index.js';

const line = (pid: number, ms: number, text: string) => `${pid} 1796001591.${String(ms).padStart(6, '0')} ${text}`;
const exec = (pid: number, ms: number, script: string) =>
  line(pid, ms, `execve("/usr/local/bin/node", ["node", "${script}", "execute", "/home/runner/work/app", "pkg"], 0x1 /* 3 vars */) = 0`);
const what = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const mark = (pid: number, ms: number, kind: 'start' | 'end', index: number, token: string, next: string, value: object) =>
  line(pid, ms, `openat(AT_FDCWD</home/runner/work/app>, "/dev/null/dynaudit-call-marker/${kind}/${index}/${token.repeat(24)}/${next.repeat(24)}/${what(value)}", O_RDONLY|O_CLOEXEC) = -1 ENOTDIR (Not a directory)`);
const open = (pid: number, ms: number, file: string) => line(pid, ms, `openat(AT_FDCWD</home/runner/work/app>, "${file}", O_RDONLY|O_CLOEXEC) = 20<${file}>`);
const APP = '/home/runner/work/app/app.cjs';

/** The consumer (pid 10, its marker thread 11): a loading, then a call that starts a process (pid 20) and reads a file. */
const TRACE = [
  exec(10, 1, APP),
  open(10, 2, '/usr/local/lib/runner/consumer.cjs'),
  line(10, 3, 'clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f, parent_tid=0x7f, exit_signal=0, stack=0x7f, stack_size=0x7fff, tls=0x7f} => {parent_tid=[11]}, 88) = 11'),
  mark(11, 4, 'start', 0, 'a', 'b', { step: 'load', target: 'pkg', argument: 'require' }),
  open(10, 5, '/home/runner/work/app/node_modules/pkg/index.js'),
  mark(11, 6, 'end', 0, 'b', 'c', { outcome: 'returned' }),
  mark(11, 7, 'start', 1, 'c', 'd', { step: 'call', target: "require('pkg').sign", argument: 'base58-secret-key' }),
  line(10, 8, 'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 20'),
  open(10, 9, '/home/runner/.npmrc'),
  mark(11, 10, 'end', 1, 'd', 'e', { outcome: 'threw', detail: 'TypeError: nope' }),
  mark(11, 11, 'start', 2, 'e', 'f', { step: 'bin', target: 'pkg-cli --help', argument: '--help' }),
  open(20, 12, '/etc/passwd'),
].join('\n');

test('each step is read from its markers: what it was, how it ended and how long it took', (t) => {
  const { calls } = splitCallTrace(parseStrace(TRACE));
  t.deepEqual(calls, [
    { index: 0, step: 'load', target: 'pkg', argument: 'require', outcome: 'returned', durationMs: 0 },
    { index: 1, step: 'call', target: "require('pkg').sign", argument: 'base58-secret-key', outcome: 'threw', detail: 'TypeError: nope', durationMs: 0 },
    { index: 2, step: 'bin', target: 'pkg-cli --help', argument: '--help', outcome: 'unfinished', durationMs: 0 },
  ]);
});

test('what the consumer does belongs to the step under way, and a process started in a step is that step’s for good', (t) => {
  const split = splitCallTrace(parseStrace(TRACE));
  const at = (ms: number) => 1796001591000 + ms / 1000;
  t.is(split.callOf(10, at(2)), undefined, 'start-up is before any step');
  t.is(split.callOf(10, at(5)), 0);
  t.is(split.callOf(10, at(9)), 1);
  t.is(split.callOf(20, at(12)), 1, 'the process started by the call, though the bin step runs by then');
});

test('the accepted markers are taken out of the trace, the rest stays', (t) => {
  const { records } = splitCallTrace(parseStrace(TRACE));
  t.false(records.some((record) => record.args.some((arg) => arg.includes('dynaudit-call-marker'))));
  t.true(records.some((record) => record.args.some((arg) => arg.includes('.npmrc'))));
});

test('a marker without the token the previous one announced is not accepted and stays an event of the step under way', (t) => {
  const forged = [
    exec(10, 1, APP),
    mark(10, 2, 'start', 0, 'a', 'b', { step: 'load', target: 'pkg', argument: 'require' }),
    mark(10, 3, 'end', 0, 'f', 'f', { outcome: 'returned' }),
    mark(10, 4, 'start', 1, 'f', 'f', { step: 'call', target: 'innocent', argument: 'none' }),
  ].join('\n');
  const split = splitCallTrace(parseStrace(forged));
  t.deepEqual(split.calls.map((call) => call.outcome), ['unfinished']);
  t.is(split.records.filter((record) => record.args.some((arg) => arg.includes('dynaudit-call-marker'))).length, 2);
});

test('markers opened by a process the consumer started are not accepted', (t) => {
  const child = [
    exec(10, 1, APP),
    mark(10, 2, 'start', 0, 'a', 'b', { step: 'load', target: 'pkg', argument: 'require' }),
    line(10, 3, 'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 30'),
    exec(30, 4, APP),
    mark(30, 5, 'end', 0, 'b', 'c', { outcome: 'returned' }),
  ].join('\n');
  const split = splitCallTrace(parseStrace(child));
  t.is(split.calls[0]?.outcome, 'unfinished');
  t.is(split.callOf(30, 1796001591000.005), 0);
});
