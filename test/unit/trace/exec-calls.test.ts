import test from 'ava';
import type { ProcessEvent, TraceEvent } from '../../../src/events/types.js';
import { collapseExecRuns, decodeArgv, execCall, type ExecContext } from '../../../src/trace/index.js';
import { posix } from 'node:path';

/** An exec from `cwd` with no links known: paths are walked as written (`..` makes them inexact). */
const from = (cwd: string | null, cwdExact = true): ExecContext => ({
  cwd,
  cwdExact,
  resolve: (text, base) => {
    if (!text.startsWith('/') && base === null) return { path: text, exact: false };
    return { path: posix.normalize(text.startsWith('/') || base === null ? text : posix.join(base, text)), exact: !text.split('/').includes('..') };
  },
});

const exec = (pid: number, executable: string, argv: string[], error?: string): ProcessEvent => ({
  kind: 'process',
  phase: 'install',
  pid,
  timestampMs: 0,
  attribution: { package: null, via: 'package-manager' },
  ok: error === undefined,
  ...(error === undefined ? {} : { error }),
  executable,
  argv,
  parentPid: 1,
  cwd: '/',
});

const paths = (events: TraceEvent[]): string[] => events.map((event) => (event.kind === 'process' ? event.executable : event.kind));

test('execve gives the executable and decoded argv', (t) => {
  t.deepEqual(execCall('execve', ['"/usr/bin/curl"', '["curl", "-s", "http://x.example/"]', '0x55 /* 3 vars */'], from('/w')), {
    executable: '/usr/bin/curl',
    exact: true,
    argv: ['curl', '-s', 'http://x.example/'],
    argvTruncated: false,
  });
  t.is(execCall('execve', ['"./run.sh"', '["./run.sh"]', '0x1'], from('/w/pkg'))?.executable, '/w/pkg/run.sh');
  t.is(execCall('execveat', ['3</opt/bin>', '"tool"', '["tool"]', '0x1', '0'], from('/w'))?.executable, '/opt/bin/tool');
  t.is(execCall('execveat', ['3</memfd:stage (deleted)>', '""', '["x"]', '0x1', 'AT_EMPTY_PATH'], from('/w'))?.executable, '/memfd:stage');
  t.is(execCall('openat', [], from('/w')), null);
});

test('an executable reached through `..` or from an unknown working directory is not exact', (t) => {
  t.false(execCall('execve', ['"lnk/../../../../usr/bin/make"', '["make"]', '0x1'], from('/w/a/b/c'))?.exact);
  t.false(execCall('execve', ['"./make"', '["make"]', '0x1'], from('/usr/bin', false))?.exact);
  t.false(execCall('execve', ['"make"', '["make"]', '0x1'], from(null))?.exact);
  t.true(execCall('execve', ['"/usr/bin/make"', '["make"]', '0x1'], from(null))?.exact);
});

test('argv strings cut at -s keep a marker and an elided tail is dropped', (t) => {
  t.deepEqual(decodeArgv('["node", "-e", "long"..., ...]'), ['node', '-e', 'long...']);
  t.deepEqual(decodeArgv('NULL'), []);
});

test('an exec whose arguments strace cut or left out is flagged as truncated', (t) => {
  t.true(execCall('execve', ['"/bin/sh"', '["sh", "-c", "long"...]', '0x1'], from('/w'))?.argvTruncated);
  t.true(execCall('execve', ['"/bin/sh"', '["sh", "a", ...]', '0x1'], from('/w'))?.argvTruncated);
  t.false(execCall('execve', ['"/bin/sh"', '["sh", "..."]', '0x1'], from('/w'))?.argvTruncated);
});

test('a PATH search that ends in a successful exec leaves only the exec', (t) => {
  const events = [
    exec(9, '/usr/local/bin/sh', ['sh', '-c', 'x'], 'ENOENT'),
    exec(9, '/usr/sbin/sh', ['sh', '-c', 'x'], 'ENOENT'),
    exec(9, '/usr/bin/sh', ['sh', '-c', 'x']),
  ];
  t.deepEqual(paths(collapseExecRuns(events)), ['/usr/bin/sh']);
});

test('a PATH search that finds nothing leaves one failed attempt', (t) => {
  const events = [exec(9, '/opt/none/bin/curl', ['curl', 'u'], 'ENOENT'), exec(9, '/usr/local/nothing/curl', ['curl', 'u'], 'ENOENT')];
  const collapsed = collapseExecRuns(events);
  t.deepEqual(paths(collapsed), ['/opt/none/bin/curl']);
  t.is(collapsed[0]!.error, 'ENOENT');
});

test('a failure other than ENOENT is the attempt that is kept', (t) => {
  const events = [exec(9, '/a/curl', ['curl'], 'ENOENT'), exec(9, '/b/curl', ['curl'], 'EACCES'), exec(9, '/c/curl', ['curl'], 'ENOENT')];
  t.deepEqual(paths(collapseExecRuns(events)), ['/b/curl']);
});

test('different commands, argv or pids are separate runs', (t) => {
  const events = [
    exec(9, '/a/curl', ['curl', 'x'], 'ENOENT'),
    exec(9, '/a/wget', ['wget', 'x'], 'ENOENT'),
    exec(9, '/b/wget', ['wget', 'y'], 'ENOENT'),
    exec(10, '/b/wget', ['wget', 'y']),
  ];
  t.deepEqual(paths(collapseExecRuns(events)), ['/a/curl', '/a/wget', '/b/wget', '/b/wget']);
});
