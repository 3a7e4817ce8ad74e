import test from 'ava';
import type { ProcessEvent } from '../../../../src/events/types.js';
import { limitEvents, OUTPUT_FLOOD_BYTES } from '../../../../src/pipeline/session/limit-events.js';
import type { PhaseResources, PhaseRun } from '../../../../src/sandbox/sandbox.js';
import type { ProcessLifetimes } from '../../../../src/trace/index.js';

const quiet: PhaseResources = {
  memoryLimitBytes: 512 * 1024 * 1024,
  pidsLimit: 256,
  oomKills: 0,
  pidsRefused: 0,
  fullFilesystems: [],
  outputBytes: 100,
  sandboxStopped: false,
};
const run = (status: PhaseRun['status'], resources: Partial<PhaseResources> = {}): PhaseRun => ({
  name: 'install',
  status,
  exitCode: status === 'completed' ? 0 : 137,
  durationMs: 20_500,
  startedAtMs: 1_000,
  trace: '',
  traceTruncated: false,
  stdout: '',
  stderr: '',
  resources: { ...quiet, ...resources },
});
const life = (partial: Partial<ProcessLifetimes> = {}): ProcessLifetimes => ({ rootPid: 10, rootEnd: { exitCode: 0 }, survivors: [], killed: [], forkFailures: 0, ...partial });
const exec = (pid: number, argv: string[], via: 'package-manager' | 'lifecycle-script'): ProcessEvent => ({
  kind: 'process',
  phase: 'install',
  pid,
  timestampMs: 1,
  attribution: via === 'package-manager' ? { package: null, via } : { package: 'evil', via },
  ok: true,
  executable: `/usr/bin/${argv[0]}`,
  argv,
  parentPid: 10,
  cwd: null,
});
const npm = exec(10, ['npm', 'ci'], 'package-manager');
const hog = exec(20, ['node', 'hog.js'], 'lifecycle-script');
const fallback = { package: 'pkg', via: 'lifecycle-script' as const };

test('a quiet completed phase has no limit events', (t) => {
  t.deepEqual(limitEvents(run('completed'), [npm], { lifetimes: life(), fallback }), []);
});

test('a phase killed at its time limit names the package processes still running', (t) => {
  const [event, ...rest] = limitEvents(run('timeout'), [npm, hog], { lifetimes: life({ rootEnd: null, survivors: [10, 20] }), fallback });
  t.deepEqual(rest, []);
  t.like(event, { kind: 'limit', limit: 'time', pid: 20, attribution: { package: 'evil', via: 'lifecycle-script' }, timestampMs: 21_500 });
  t.is(event?.detail, 'still running after 20.5 s, then killed: pid 20 (node hog.js)');
});

test('processes still running after the phase command exited are detached, not a plain timeout', (t) => {
  const [event] = limitEvents(run('timeout'), [npm, hog], { lifetimes: life({ survivors: [20] }), fallback });
  t.like(event, { limit: 'detached', pid: 20 });
  t.regex(event?.detail ?? '', /the phase's command exited with 0, but pid 20 \(node hog\.js\) kept running until the time limit/);
});

test('OOM kills name the killed processes', (t) => {
  const [event] = limitEvents(run('failed', { oomKills: 1 }), [npm, hog], { lifetimes: life({ killed: [20] }), fallback });
  t.like(event, { limit: 'memory', pid: 20, detail: 'reached the memory limit of 512 MiB: the kernel killed 1 process(es) (pid 20 (node hog.js))' });
});

test('refused forks from the cgroup or the trace are a processes limit', (t) => {
  t.like(limitEvents(run('completed', { pidsRefused: 40 }), [npm], { lifetimes: life(), fallback })[0], {
    limit: 'processes',
    detail: 'reached the limit of 256 processes: 40 fork(s) refused',
  });
  t.like(limitEvents(run('completed'), [npm], { lifetimes: life({ forkFailures: 3 }), fallback })[0], { limit: 'processes' });
});

test('full filesystems, floods of output and a stopped sandbox are limits, blamed on the fallback when no process is named', (t) => {
  const events = limitEvents(
    run('failed', { fullFilesystems: [{ path: '/tmp', sizeBytes: 256 * 1024 * 1024 }], outputBytes: OUTPUT_FLOOD_BYTES + 1, sandboxStopped: true }),
    [npm],
    { lifetimes: life(), fallback },
  );
  t.deepEqual(
    events.map((event) => [event.limit, event.detail, event.attribution]),
    [
      ['disk', 'filled /tmp (256 MiB)', fallback],
      ['output', 'printed 8 MiB on stdout and stderr (the first 64 KiB of each are kept)', fallback],
      ['sandbox', 'the sandbox container stopped during the phase; later phases did not run', fallback],
    ],
  );
});

test('a sandbox that cannot measure still reports a timeout from the trace', (t) => {
  const { resources: _resources, ...bare } = run('timeout');
  t.deepEqual(limitEvents(bare, [npm], { lifetimes: life({ rootEnd: null, survivors: [10] }), fallback }).map((event) => event.limit), ['time']);
});
