import test from 'ava';
import { SUPERVISOR_SCRIPT } from '../../../../src/pipeline/calls/consumer-command.js';
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

test('an end marker the process died under (a native thread aborting it) is the consumer\'s own: no event, and the step did not end', (t) => {
  const cut = (pid: number, ms: number, token: string, next: string) =>
    line(pid, ms, `openat(AT_FDCWD</home/runner/work/app>, "/dev/null/dynaudit-call-marker/end/1/${token.repeat(24)}/${next.repeat(24)}/${what({ outcome: 'returned' })}", O_RDONLY|O_CLOEXEC) = ?`);
  const dying = [
    exec(10, 1, APP),
    line(10, 2, 'clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f, parent_tid=0x7f, exit_signal=0, stack=0x7f, stack_size=0x7fff, tls=0x7f} => {parent_tid=[11]}, 88) = 11'),
    mark(11, 3, 'start', 0, 'a', 'b', { step: 'load', target: 'pkg', argument: 'require' }),
    mark(11, 4, 'end', 0, 'b', 'c', { outcome: 'returned' }),
    mark(11, 5, 'start', 1, 'c', 'd', { step: 'call', target: "require('pkg').get", argument: 'bytes-32' }),
  ];
  const own = splitCallTrace(parseStrace([...dying, cut(11, 6, 'd', 'e')].join('\n')));
  t.is(own.calls[1]?.outcome, 'unfinished', 'it is marked crashed once the consumer is started again');
  t.false(own.records.some((record) => record.args.some((arg) => arg.includes('dynaudit-call-marker'))));
  const forged = splitCallTrace(parseStrace([...dying, cut(10, 6, 'f', 'f')].join('\n')));
  t.true(forged.records.some((record) => record.args.some((arg) => arg.includes('dynaudit-call-marker'))), 'one without the chain\'s token stays, for call-marker-forgery');
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

test('a second end of a step, with the chain\'s token, is the consumer\'s own: the first outcome stands, no event is left and the steps after it are accepted', (t) => {
  const twice = [
    exec(10, 1, APP),
    mark(10, 2, 'start', 0, 'a', 'b', { step: 'call', target: "require('pkg').f", argument: 'none' }),
    mark(10, 3, 'end', 0, 'b', 'c', { outcome: 'returned' }),
    mark(10, 4, 'end', 0, 'c', 'd', { outcome: 'threw', detail: 'TypeError: late' }),
    mark(10, 5, 'start', 1, 'd', 'e', { step: 'call', target: "require('pkg').g", argument: 'none' }),
    mark(10, 6, 'end', 1, 'e', 'f', { outcome: 'returned' }),
    '',
  ].join('\n');
  const split = splitCallTrace(parseStrace(twice));
  t.deepEqual(split.calls.map((call) => `${call.target} ${call.outcome}`), ["require('pkg').f returned", "require('pkg').g returned"]);
  t.false(split.records.some((record) => record.args.some((arg) => arg.includes('dynaudit-call-marker'))));
});

test('a second end of a step without the chain\'s token stays an event', (t) => {
  const forged = [
    exec(10, 1, APP),
    mark(10, 2, 'start', 0, 'a', 'b', { step: 'call', target: "require('pkg').f", argument: 'none' }),
    mark(10, 3, 'end', 0, 'b', 'c', { outcome: 'returned' }),
    mark(10, 4, 'end', 0, 'f', 'd', { outcome: 'threw' }),
    '',
  ].join('\n');
  const split = splitCallTrace(parseStrace(forged));
  t.deepEqual(split.calls.map((call) => call.outcome), ['returned']);
  t.is(split.records.filter((record) => record.args.some((arg) => arg.includes('dynaudit-call-marker'))).length, 1);
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

const supervisorExec = (pid: number, ms: number) =>
  line(pid, ms, `execve("/usr/bin/bash", ["bash", "-c", ${JSON.stringify(SUPERVISOR_SCRIPT)}, "app", "120", "node", "${APP}", "execute", "/home/runner/work/app", "pkg"], 0x1 /* 3 vars */) = 0`);
const launch = (pid: number, ms: number, child: number) => line(pid, ms, `clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = ${child}`);
const consumerExec = (pid: number, ms: number, resume: readonly string[]) =>
  line(pid, ms, `execve("/usr/local/bin/node", ["node", "${APP}", "execute", "/home/runner/work/app", "pkg", "120000", "119000"${resume.map((arg) => `, "${arg}"`).join('')}], 0x1 /* 3 vars */) = 0`);

/** The supervisor (pid 5) starts the consumer (10); a call (plan position 14) crashes it; the supervisor starts it again (30) to resume after it. */
function crashTrace(resume: readonly string[]): string {
  return [
    line(5, 1, 'execve("/usr/local/bin/bash", ["bash"], 0x1 /* 3 vars */) = -1 ENOENT (No such file or directory)'),
    supervisorExec(5, 1),
    open(5, 2, '/etc/ld.so.cache'),
    launch(5, 3, 10),
    consumerExec(10, 4, []),
    mark(10, 5, 'start', 0, 'a', 'b', { step: 'load', target: 'pkg', argument: 'require', plan: 0 }),
    mark(10, 6, 'end', 0, 'b', 'c', { outcome: 'returned' }),
    mark(10, 7, 'start', 1, 'c', 'd', { step: 'call', target: "require('pkg').mask", argument: 'bytes-32', plan: 14 }),
    line(10, 8, '+++ killed by SIGSEGV (core dumped) +++'),
    launch(5, 9, 30),
    line(30, 9, 'openat(AT_FDCWD</home/runner/work/app/data>, "/tmp/.consumer-progress-5", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3</tmp/.consumer-progress-5>'),
    consumerExec(30, 10, resume),
    mark(30, 11, 'start', 2, '1', '2', { step: 'load', target: 'pkg', argument: 'require', plan: 0 }),
    mark(30, 12, 'end', 2, '2', '3', { outcome: 'returned' }),
    mark(30, 13, 'start', 3, '3', '4', { step: 'call', target: "require('pkg').post", argument: 'none', plan: 15 }),
    open(30, 14, '/home/runner/.npmrc'),
    mark(30, 15, 'end', 3, '4', '5', { outcome: 'returned' }),
    '',
  ].join('\n');
}

test('a consumer the supervisor starts again after a crash resumes right after the crashed step, which is marked crashed', (t) => {
  const split = splitCallTrace(parseStrace(crashTrace(['2', '14'])));
  t.deepEqual(
    split.calls.map((call) => [call.index, call.step, call.outcome]),
    [[0, 'load', 'returned'], [1, 'call', 'crashed'], [2, 'load', 'returned'], [3, 'call', 'returned']],
  );
  t.is(split.callOf(30, 1796001591000.014), 3, 'what the resumed consumer does belongs to its step');
  t.is(split.callOf(10, 1796001591000.007), 1, 'and what the consumer that crashed did stays the crashed step\'s');
  t.false(split.records.some((record) => record.pid === 5), "the supervisor's own records leave the events");
  t.false(split.records.some((record) => record.args.some((arg) => arg.includes('.consumer-progress'))), 'as do those of the process it starts, until that runs the consumer');
  t.true(split.processRecords.some((record) => record.pid === 5), 'but stay for the lifetimes (it is the phase command)');
});

test('a consumer started again with another resume point than the trace shows is not accepted: its markers stay events', (t) => {
  for (const resume of [['2', '20'], ['5', '14'], ['3', '14']]) {
    const split = splitCallTrace(parseStrace(crashTrace(resume)));
    t.deepEqual(split.calls.map((call) => call.outcome), ['returned', 'unfinished'], resume.join(' '));
    t.is(split.records.filter((record) => record.args.some((arg) => arg.includes('dynaudit-call-marker'))).length, 4);
  }
});

/** crashTrace, then the resumed consumer's call (plan 15) crashes it too, and the supervisor starts another (50) with `resume`. */
function twoCrashTrace(resume: readonly string[]): string {
  return [
    crashTrace(['2', '14']).trimEnd(),
    mark(30, 16, 'start', 4, '5', '6', { step: 'call', target: "require('pkg').post", argument: 'url', plan: 16 }),
    line(30, 17, '+++ killed by SIGABRT (core dumped) +++'),
    launch(5, 18, 50),
    consumerExec(50, 19, resume),
    mark(50, 20, 'start', 5, 'a', 'e', { step: 'load', target: 'pkg', argument: 'require', plan: 0 }),
    mark(50, 21, 'end', 5, 'e', 'f', { outcome: 'returned' }),
    '',
  ].join('\n');
}

test('a consumer started again after a second crash is handed every step that ended one, in order', (t) => {
  const split = splitCallTrace(parseStrace(twoCrashTrace(['5', '14,16'])));
  t.deepEqual(split.calls.map((call) => call.outcome), ['returned', 'crashed', 'returned', 'returned', 'crashed', 'returned']);
  for (const resume of [['5', '16'], ['5', '16,14'], ['5', '14,15,16']]) {
    t.deepEqual(splitCallTrace(parseStrace(twoCrashTrace(resume))).calls.map((call) => call.outcome), ['returned', 'crashed', 'returned', 'returned', 'unfinished'], resume.join(' '));
  }
});

test('a consumer a step starts (not the supervisor) is never taken for a restart', (t) => {
  const trace = [
    supervisorExec(5, 1),
    launch(5, 2, 10),
    consumerExec(10, 3, []),
    mark(10, 4, 'start', 0, 'a', 'b', { step: 'call', target: 'f', argument: 'none', plan: 2 }),
    launch(10, 5, 40),
    consumerExec(40, 6, ['1', '2']),
    mark(40, 7, 'start', 1, '6', '7', { step: 'bin', target: 'cli', argument: 'none', plan: 3 }),
  ].join('\n');
  const split = splitCallTrace(parseStrace(trace));
  t.deepEqual(split.calls.map((call) => [call.step, call.outcome]), [['call', 'unfinished']]);
  t.is(split.callOf(40, 1796001591000.007), 0);
});
