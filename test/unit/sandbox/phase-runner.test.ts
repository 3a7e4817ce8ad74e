import test from 'ava';
import type { ContainerEngine, ExecOutcome, ExecSpec } from '../../../src/sandbox/container-engine.js';
import { PhaseRunner } from '../../../src/sandbox/phase-runner.js';
import type { SandboxOptions } from '../../../src/sandbox/sandbox.js';
import { FakeEngine } from './fake-engine.js';

const options: SandboxOptions = { image: 'img', runId: 'r', timeoutSeconds: 5, memoryBytes: 512 * 1024 * 1024, pidsLimit: 256, nanoCpus: 1e9 };
const spec = { name: 'install' as const, command: ['npm', 'ci'], workingDir: '/home/runner/work/app' };

/** A fake whose phase exec, probe and kill answer as scripted. */
class ScriptedEngine extends FakeEngine {
  phase: () => Promise<ExecOutcome> = async () => ({ exitCode: 0, stdout: 'ok', stderr: '', truncated: false, outputBytes: 2 });
  probes = ['oom_kill 0\npids_max 0\nfs 4096 100 100 /home/runner\n', 'oom_kill 1\npids_max 3\nfs 4096 100 0 /home/runner\n'];
  killFailures = 0;
  running = true;
  override async exec(containerId: string, execSpec: ExecSpec): Promise<ExecOutcome> {
    const [program, , script] = execSpec.command;
    if (program === 'sh' && execSpec.command[3] === 'probe') {
      const probe = this.probes.shift() ?? '';
      if (!String(script).startsWith('trace=')) return { exitCode: 0, stdout: probe, stderr: '', truncated: false };
      // What follows a traced phase: the reading on stderr, the trace file on stdout.
      return { exitCode: 0, stdout: this.files.get(String(execSpec.command[4])) ?? '', stderr: probe, truncated: false };
    }
    if (program === 'bash' && String(script).startsWith('limit=')) return this.phase();
    if (program === 'bash' && execSpec.user === 'runner') {
      this.calls.push('kill');
      if (this.killFailures-- > 0) throw new Error('OCI runtime exec failed: resource temporarily unavailable');
    }
    return super.exec(containerId, execSpec);
  }
  override async containerState(): Promise<{ running: boolean; oomKilled: boolean; exitCode: number | null }> {
    return { running: this.running, oomKilled: false, exitCode: this.running ? null : 137 };
  }
}

function engineWithTrace(): ScriptedEngine {
  const engine = new ScriptedEngine();
  engine.files.set('/var/lib/runner-state/install.strace', '10 1.000000 execve("/usr/bin/npm", ["npm"], 0x1 /* 1 var */) = 0\n');
  return engine;
}

test('a phase reports its status, trace and the limits it reached since the last reading', async (t) => {
  const engine = engineWithTrace();
  const run = await new PhaseRunner(engine as ContainerEngine, 'c1', options, () => {}).run(spec);
  t.is(run.status, 'completed');
  t.regex(run.trace, /execve/);
  t.deepEqual(run.resources, {
    memoryLimitBytes: options.memoryBytes,
    pidsLimit: 256,
    oomKills: 1,
    pidsRefused: 3,
    fullFilesystems: [{ path: '/home/runner', sizeBytes: 409600 }],
    outputBytes: 2,
    sandboxStopped: false,
  });
});

test('an exec abandoned at the host deadline is a timeout', async (t) => {
  const engine = engineWithTrace();
  engine.phase = async () => ({ exitCode: null, stdout: '', stderr: '', truncated: false });
  t.is((await new PhaseRunner(engine as ContainerEngine, 'c1', options, () => {}).run(spec)).status, 'timeout');
});

test('a container that stopped under the phase is a failed phase marked sandboxStopped, not an error', async (t) => {
  const engine = engineWithTrace();
  engine.phase = async () => {
    engine.running = false;
    throw new Error('container is not running');
  };
  const run = await new PhaseRunner(engine as ContainerEngine, 'c1', options, () => {}).run(spec);
  t.is(run.status, 'failed');
  t.is(run.trace, '');
  t.true(run.resources?.sandboxStopped);
});

test('an exec failure while the container runs is our error (E_SANDBOX)', async (t) => {
  const engine = engineWithTrace();
  engine.phase = async () => {
    throw new Error('engine hiccup');
  };
  await t.throwsAsync(new PhaseRunner(engine as ContainerEngine, 'c1', options, () => {}).run(spec), { message: /install phase failed: engine hiccup/ });
});

test('a phase whose command ended ran its own kill sweep: no clean-up exec follows', async (t) => {
  const engine = engineWithTrace();
  await new PhaseRunner(engine as ContainerEngine, 'c1', options, () => {}).run(spec);
  t.false(engine.calls.includes('kill'));
});

test('an exec abandoned at the host deadline gets a clean-up exec; with no pid left for it, the container gets a few more and its limit back', async (t) => {
  const engine = engineWithTrace();
  engine.phase = async () => ({ exitCode: null, stdout: '', stderr: '', truncated: false });
  engine.killFailures = 1;
  await new PhaseRunner(engine as ContainerEngine, 'c1', options, () => {}).run(spec);
  t.deepEqual(
    engine.calls.filter((call) => call === 'kill' || call.startsWith('updatePidsLimit')),
    ['kill', 'updatePidsLimit c1 320', 'kill', 'updatePidsLimit c1 256'],
  );
});

/** Runs one phase on a fake engine; the phase's command as exec'd, from strace on, and the run. */
async function runWithClock(clock: { daysAhead: number }, runEnvironment: readonly string[] = []) {
  const engine = engineWithTrace();
  let command: readonly string[] = [];
  engine.phase = async () => ({ exitCode: 0, stdout: '', stderr: '', truncated: false });
  const exec = engine.exec.bind(engine);
  engine.exec = async (id, execSpec) => {
    if (execSpec.command[0] === 'bash' && String(execSpec.command[2]).startsWith('limit=')) command = execSpec.command;
    return exec(id, execSpec);
  };
  const run = await new PhaseRunner(engine as ContainerEngine, 'c1', options, () => {}, runEnvironment).run({ ...spec, clock });
  return { strace: command.slice(command.indexOf('strace')), run };
}

test('a phase with a clock runs its command under the clock\'s preload, through strace, and says which clock it ran on', async (t) => {
  const { strace, run } = await runWithClock({ daysAhead: 7 });
  t.deepEqual(strace.slice(strace.indexOf('--') - 4), ['-E', 'LD_PRELOAD=/usr/local/lib/libfaketime.so.1', '-E', 'FAKETIME=+7d x100', '--', 'npm', 'ci']);
  t.deepEqual(run.clock, { daysAhead: 7 });
});

test('the loading three days ahead looks like a developer\'s machine: the CI job\'s variables are taken out, its secrets kept', async (t) => {
  const job = ['GITHUB_TOKEN=ghp_bait', 'NPM_TOKEN=npm_bait', 'GITHUB_ACTIONS=true', 'RUNNER_NAME=GitHub Actions 3', 'ImageOS=ubuntu24'];
  const { strace } = await runWithClock({ daysAhead: 3 }, job);
  const straceOptions = strace.slice(0, strace.indexOf('--'));
  const removed = straceOptions.filter((entry, i) => straceOptions[i - 1] === '-E' && !entry.includes('='));
  t.deepEqual(removed, ['CI', 'RUNNER_TEMP', 'RUNNER_OS', 'RUNNER_ARCH', 'GITHUB_ACTIONS', 'RUNNER_NAME', 'ImageOS']);
  t.true(straceOptions.includes('FAKETIME=+3d x100'));
});

test('a phase without a clock runs on the real one', async (t) => {
  const engine = engineWithTrace();
  const run = await new PhaseRunner(engine as ContainerEngine, 'c1', options, () => {}).run(spec);
  t.is(run.clock, undefined);
  t.false(engine.calls.some((call) => call.includes('LD_PRELOAD')));
});

test('a phase that runs no package code runs as the runner without strace, and has an empty trace', async (t) => {
  const engine = engineWithTrace();
  let command: readonly string[] = [];
  const exec = engine.exec.bind(engine);
  engine.exec = async (id, execSpec) => {
    if (execSpec.command[0] === 'bash' && String(execSpec.command[2]).startsWith('limit=')) command = execSpec.command;
    return exec(id, execSpec);
  };
  const run = await new PhaseRunner(engine as ContainerEngine, 'c1', options, () => {}).run({ ...spec, traced: false });
  t.false(command.includes('strace'));
  t.deepEqual(command.slice(command.indexOf('setpriv')), ['setpriv', '--reuid=1001', '--regid=1001', '--init-groups', '--', 'npm', 'ci']);
  t.is(run.trace, '');
  t.is(run.status, 'completed');
});
