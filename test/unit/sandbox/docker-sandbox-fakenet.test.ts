import test from 'ava';
import { isDynauditError } from '../../../src/common/errors.js';
import { DockerSandbox } from '../../../src/sandbox/docker-sandbox.js';
import { FAKENET_FILES } from '../../../src/sandbox/fakenet-layout.js';
import { LABEL_ROLE } from '../../../src/sandbox/labels.js';
import type { SandboxOptions } from '../../../src/sandbox/sandbox.js';
import { FakeEngine } from './fake-engine.js';

const OPTIONS: SandboxOptions = {
  image: 'sandbox:test',
  runId: 'run1',
  timeoutSeconds: 30,
  memoryBytes: 1 << 30,
  pidsLimit: 100,
  nanoCpus: 1e9,
  fakenetImage: 'fakenet:test',
  hostname: 'fv-az111-222',
};

test('the sidecar joins the sandbox network namespace with only the network capabilities it needs', async (t) => {
  const engine = new FakeEngine();
  await using sandbox = await new DockerSandbox(engine).start(OPTIONS);
  const sidecar = engine.specs.get('fakenet-2');
  t.is(sidecar?.networkMode, `container:${sandbox.id}`);
  t.deepEqual([...(sidecar?.capAdd ?? [])].sort(), ['NET_ADMIN', 'NET_BIND_SERVICE', 'NET_RAW', 'SETGID', 'SETUID']);
  t.deepEqual(sidecar?.dns, []);
  t.is(sidecar?.hostname, '');
  t.is(sidecar?.labels[LABEL_ROLE], 'fakenet');
  t.is(sidecar?.image, 'fakenet:test');
});

test('the sandbox gets the hostname asked for, which resolves locally, and a runner\'s variables; the run\'s own come with each phase', async (t) => {
  const engine = new FakeEngine();
  engine.files.set('/var/lib/runner-state/install.strace', '');
  engine.statuses = ['ready'];
  await using sandbox = await new DockerSandbox(engine).start(OPTIONS);
  sandbox.setRunEnvironment(['NPM_TOKEN=npm_x']);
  await sandbox.runPhase(PHASE);
  const spec = engine.specs.get(sandbox.id);
  t.false(spec?.env.includes('NPM_TOKEN=npm_x'));
  t.true(spec?.env.includes('CI=true'));
  t.deepEqual(engine.execs.find((exec) => exec.command.includes('true'))?.env, ['NPM_TOKEN=npm_x']);
  t.throws(() => sandbox.setRunEnvironment([]), { message: /before its first phase/ });
  t.is(spec?.hostname, 'fv-az111-222');
  t.deepEqual(spec?.extraHosts, ['fv-az111-222:127.0.1.1']);
  t.is(spec?.networkMode, 'none');
});

const PHASE = { name: 'install' as const, command: ['true'], workingDir: '/home/runner' };

test('the first phase waits until the sidecar says it is ready', async (t) => {
  const engine = new FakeEngine();
  engine.files.set('/var/lib/runner-state/install.strace', '');
  engine.statuses = [null, null, null, 'ready'];
  await using sandbox = await new DockerSandbox(engine).start(OPTIONS);
  t.true(engine.statuses.length > 1, 'start does not wait: the sidecar comes up while files are copied in');
  await sandbox.runPhase(PHASE).catch(() => undefined);
  t.deepEqual(engine.statuses, ['ready']);
});

test('a sidecar that fails to start is an E_SANDBOX error before any phase runs, and everything created is removed', async (t) => {
  const engine = new FakeEngine();
  engine.statuses = [null, 'failed: network setup failed: RTNETLINK answers: Operation not permitted'];
  const sandbox = await new DockerSandbox(engine).start(OPTIONS);
  const error = await t.throwsAsync(sandbox.runPhase(PHASE));
  t.true(isDynauditError(error) && error.code === 'E_SANDBOX');
  t.regex(error?.message ?? '', /fakenet sidecar did not start: network setup failed: RTNETLINK/);
  t.false(engine.calls.some((call) => call.startsWith('exec') && call.includes('strace')), 'no phase command ran');
  await sandbox[Symbol.asyncDispose]();
  t.deepEqual(engine.calls.filter((call) => /^remove /.test(call)), ['remove fakenet-2', 'remove sandbox-1']);
  t.is(engine.calls.filter((call) => call.startsWith('removeVolume')).length, 2);
});

test('a sidecar whose container cannot be created fails the first phase (E_SANDBOX), not the start, which goes on meanwhile; the sandbox is still removed whole', async (t) => {
  const engine = new FakeEngine();
  engine.sidecarRefused = true;
  const sandbox = await new DockerSandbox(engine).start(OPTIONS);
  const error = await t.throwsAsync(sandbox.runPhase(PHASE));
  t.true(isDynauditError(error) && error.code === 'E_SANDBOX');
  t.regex(error?.message ?? '', /starting the fakenet sidecar failed: no such image/);
  await sandbox[Symbol.asyncDispose]();
  t.deepEqual(engine.calls.filter((call) => /^remove /.test(call)), ['remove sandbox-1']);
  t.is(engine.calls.filter((call) => call.startsWith('removeVolume')).length, 2);
});

test('a sidecar that exits before it is ready is reported with what its status file says', async (t) => {
  const engine = new FakeEngine();
  engine.sidecarExited = true;
  engine.files.set(FAKENET_FILES.status, 'failed: tcpdump did not start capturing\n');
  await using sandbox = await new DockerSandbox(engine).start(OPTIONS);
  const error = await t.throwsAsync(sandbox.runPhase(PHASE));
  t.regex(error?.message ?? '', /tcpdump did not start capturing/);
});

test('a sandbox disposed before any phase does not wait for its sidecar', async (t) => {
  const engine = new FakeEngine();
  engine.statuses = ['failed: never mind'];
  const sandbox = await new DockerSandbox(engine).start(OPTIONS);
  await sandbox[Symbol.asyncDispose]();
  t.true(engine.calls.includes('remove fakenet-2'));
});

test('collecting asks the sink to log what is open, then reads its log and pcap; disposing removes it before the sandbox', async (t) => {
  const engine = new FakeEngine();
  engine.files.set(FAKENET_FILES.sinkLog, '{"type":"dns"}\n');
  engine.files.set(FAKENET_FILES.pcap, 'PCAP');
  const sandbox = await new DockerSandbox(engine).start(OPTIONS);
  const capture = await sandbox.collectNetwork();
  t.deepEqual(capture, { sinkLog: '{"type":"dns"}\n', pcap: Buffer.from('PCAP'), problems: [] });
  await sandbox[Symbol.asyncDispose]();
  const order = engine.calls.filter((call) => /^(signal|stop|remove) /.test(call));
  t.deepEqual(order, ['signal fakenet-2 SIGUSR1', 'remove fakenet-2', 'remove sandbox-1']);
});

test('a capture with missing files, or from a sidecar that is gone, is returned with its problems named', async (t) => {
  const engine = new FakeEngine();
  await using sandbox = await new DockerSandbox(engine).start(OPTIONS);
  engine.sidecarExited = true;
  const capture = await sandbox.collectNetwork();
  t.is(capture?.pcap.length, 0);
  t.true(capture?.problems.some((problem) => problem.startsWith('could not signal the sidecar')));
  t.true(capture?.problems.some((problem) => problem.includes(FAKENET_FILES.pcap)));
});

test('without a fakenet image there is no sidecar and nothing to collect', async (t) => {
  const engine = new FakeEngine();
  const { fakenetImage: _, ...withoutFakenet } = OPTIONS;
  await using sandbox = await new DockerSandbox(engine).start(withoutFakenet);
  t.is(await sandbox.collectNetwork(), null);
  t.false(engine.calls.some((call) => call.includes('fakenet')));
});

test('collecting before any phase first waits until the sidecar is ready, so the signal finds its handler', async (t) => {
  const engine = new FakeEngine();
  engine.files.set(FAKENET_FILES.sinkLog, '');
  engine.files.set(FAKENET_FILES.pcap, '');
  engine.statuses = [null, null, 'ready'];
  await using sandbox = await new DockerSandbox(engine).start(OPTIONS);
  const capture = await sandbox.collectNetwork();
  t.deepEqual(capture?.problems, []);
  t.true(engine.calls.indexOf('status ready') < engine.calls.indexOf('signal fakenet-2 SIGUSR1'));
});
