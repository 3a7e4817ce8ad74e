import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import type { ResolvedPackage } from '../../../../src/resolve/index.js';
import { reportPhase } from '../../../../src/pipeline/session/phase-report.js';
import { phaseEvents, type PhaseEvents } from '../../../../src/pipeline/session/phase-events.js';
import { runPackagePhases, sessionPhases } from '../../../../src/pipeline/session/run-session.js';
import type { PhaseRun, PhaseSpec, StartedSandbox } from '../../../../src/sandbox/sandbox.js';

const clocks = (phases: Parameters<typeof sessionPhases>[0]): string[] =>
  sessionPhases(phases).map(({ name, clock }) => `${name} ${clock ? `+${clock.daysAhead} d` : 'real'}`);

test('a package is installed on the real clock, imported and executed on the fast one, then imported again 3 and 7 days ahead', (t) => {
  t.deepEqual(clocks(['install', 'import', 'execute']), ['install real', 'import +0 d', 'execute +0 d', 'import +3 d', 'import +7 d']);
});

test('without the import phase there are no dated loadings', (t) => {
  t.deepEqual(clocks(['install']), ['install real']);
  t.deepEqual(clocks(['install', 'import']), ['install real', 'import +0 d', 'import +3 d', 'import +7 d']);
});

test('the report names the days ahead of a dated loading, and nothing for today\'s', (t) => {
  const run: PhaseRun = { name: 'import', status: 'completed', exitCode: 0, durationMs: 900, startedAtMs: 1, trace: '', traceTruncated: false, stdout: '', stderr: '' };
  t.is(reportPhase({ ...run, clock: { daysAhead: 7 } }).daysAhead, 7);
  t.false('daysAhead' in reportPhase({ ...run, clock: { daysAhead: 0 } }));
  t.false('daysAhead' in reportPhase(run));
});

test('a loading days ahead lists no steps of its own: its events are the package\'s, never charged to today\'s steps', (t) => {
  const run: PhaseRun = { name: 'import', status: 'completed', exitCode: 0, durationMs: 900, startedAtMs: 1, trace: '', traceTruncated: false, stdout: '', stderr: '' };
  t.not(phaseEvents(run, 'pkg').calls, undefined);
  t.is(phaseEvents({ ...run, clock: { daysAhead: 7 } }, 'pkg').calls, undefined);
});

test('an event of a loading days ahead keeps the kind of its step (a main that is a bin runs that bin), but no step index', (t) => {
  const line = (pid: number, ms: number, text: string) => `${pid} 1796001591.${String(ms).padStart(6, '0')} ${text}`;
  const what = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const mark = (ms: number, kind: 'start' | 'end', token: string, next: string, value: object) =>
    line(11, ms, `openat(AT_FDCWD</home/runner/work/app>, "/dev/null/dynaudit-call-marker/${kind}/0/${token.repeat(24)}/${next.repeat(24)}/${what(value)}", O_RDONLY|O_CLOEXEC) = -1 ENOTDIR (Not a directory)`);
  const trace = [
    line(10, 1, 'execve("/usr/local/bin/node", ["node", "/home/runner/work/app/app.cjs", "import", "/home/runner/work/app", "pkg"], 0x1 /* 3 vars */) = 0'),
    line(10, 2, 'clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f, parent_tid=0x7f, exit_signal=0, stack=0x7f, stack_size=0x7fff, tls=0x7f} => {parent_tid=[11]}, 88) = 11'),
    mark(3, 'start', 'a', 'b', { step: 'bin', target: 'pkg (its main is its bin pkg)', argument: 'require' }),
    line(10, 4, 'openat(AT_FDCWD</home/runner/work/app>, "/home/runner/work/app/.pkg-cache", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 21</home/runner/work/app/.pkg-cache>'),
    mark(5, 'end', 'b', 'c', { outcome: 'returned' }),
    '',
  ].join('\n');
  const run: PhaseRun = { name: 'import', status: 'completed', exitCode: 0, durationMs: 900, startedAtMs: 1, trace, traceTruncated: false, stdout: '', stderr: '' };
  const written = (events: PhaseEvents['events']) => events.find((event) => event.kind === 'file' && event.path === '/home/runner/work/app/.pkg-cache')?.attribution;
  t.like(written(phaseEvents(run, 'pkg').events), { call: 0, step: 'bin', argument: 'require' });
  const dated = written(phaseEvents({ ...run, clock: { daysAhead: 3 } }, 'pkg').events);
  t.like(dated, { step: 'bin', argument: 'require' });
  t.false(dated !== undefined && 'call' in dated);
});

/** A started sandbox whose phases end at once, as `runPhase` (which gets the spec) says; a project folder to resolve into. */
function fakeSession(t: ExecutionContext, runPhase: (spec: PhaseSpec) => void, closing: Partial<Pick<StartedSandbox, 'collectNetwork' | 'findFiles'>> = {}) {
  const projectDir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-session-'));
  t.teardown(() => rmSync(projectDir, { recursive: true, force: true }));
  const started = {
    id: 'c1',
    copyIn: async () => {},
    setRunEnvironment: () => {},
    runPhase: async (spec: PhaseSpec): Promise<PhaseRun> => {
      runPhase(spec);
      return { name: spec.name, ...(spec.clock ? { clock: spec.clock } : {}), status: 'completed', exitCode: 0, durationMs: 1, startedAtMs: 1, trace: '', traceTruncated: false, stdout: '', stderr: '' };
    },
    collectNetwork: async () => null,
    findFiles: async () => [],
    settleFiles: async () => {},
    [Symbol.asyncDispose]: async () => {},
    ...closing,
  } satisfies StartedSandbox;
  const resolved = { name: 'pkg', version: '1.0.0', integrity: 'sha512-x', projectDir, cacheDir: projectDir } as unknown as ResolvedPackage;
  const callSecrets = { base58SecretKey: 'k', hexPrivateKey: '0x00', mnemonic: 'm', jwt: 'j' };
  const setup = { homeDir: projectDir, env: [], timeoutSeconds: 5, needles: ['n'], phases: ['install', 'import'] as const, callSecrets };
  return { started, resolved, setup };
}

const label = (spec: { name: string; clock?: { daysAhead: number } }): string => `${spec.name}${spec.clock?.daysAhead ? ` +${spec.clock.daysAhead}` : ''}`;

test('each finished phase is handed over for judging once the next phase runs in the sandbox, the last one after it ends', async (t) => {
  const order: string[] = [];
  const { started, resolved, setup } = fakeSession(t, (spec) => {
    spec.onStarted?.();
    order.push(`ran ${label(spec)}`);
  });
  const session = await runPackagePhases(started, resolved, setup, () => {}, (run) => order.push(`judged ${label(run)}`));
  t.deepEqual(order, ['ran install', 'judged install', 'ran import', 'judged import', 'ran import +3', 'judged import +3', 'ran import +7', 'judged import +7']);
  t.is(session.runs.length, 4);
});

test('the file scan and the capture start once the last phase\'s processes are gone, while its trace is still read back, and only then', async (t) => {
  const order: string[] = [];
  const closing = {
    collectNetwork: async () => {
      order.push('capture');
      return null;
    },
    findFiles: async () => {
      order.push('scan');
      return [];
    },
  };
  const { started, resolved, setup } = fakeSession(
    t,
    (spec) => {
      spec.onEnded?.();
      order.push(`read back ${label(spec)}`);
    },
    closing,
  );
  await runPackagePhases(started, resolved, setup, () => {});
  t.deepEqual(order, ['read back install', 'read back import', 'read back import +3', 'capture', 'scan', 'read back import +7']);
});
