/** The fakenet sidecar on a real engine: ready before any phase, invisible to the package, its own tests green. */
import { spawnSync } from 'node:child_process';
import test from 'ava';
import { buildConfig } from '../../src/common/config.js';
import { DockerEngine } from '../../src/sandbox/docker-engine.js';
import { DockerSandbox } from '../../src/sandbox/docker-sandbox.js';
import { ensureFakenetImage } from '../../src/sandbox/fakenet-image.js';
import { ensureSandboxImage } from '../../src/sandbox/sandbox-image.js';
import type { SandboxOptions } from '../../src/sandbox/sandbox.js';
import { HOME_DIR } from '../../src/sandbox/sandbox-layout.js';

const engine = new DockerEngine();
const config = buildConfig(process.env);
let options: SandboxOptions;

test.before(async () => {
  const image = await ensureSandboxImage(engine, { imagesDir: config.imagesDir, onProgress: () => {} });
  const fakenetImage = await ensureFakenetImage(engine, { imagesDir: config.imagesDir, sandboxImage: image, onProgress: () => {} });
  options = { image, fakenetImage, runId: 'itest', timeoutSeconds: 60, memoryBytes: 512 * 1024 * 1024, pidsLimit: 256, nanoCpus: 1e9 };
});

async function shell(script: string): Promise<string> {
  await using sandbox = await new DockerSandbox(engine).start(options);
  const run = await sandbox.runPhase({ name: 'install', command: ['sh', '-c', script], workingDir: HOME_DIR });
  return run.stdout;
}

test("the sink's own unit tests pass inside the fakenet image", async (t) => {
  const id = await engine.createAndStart(`dynaudit-fakenet-unittest-${process.pid}`, {
    image: options.fakenetImage!,
    command: ['sleep', '300'],
    hostname: '',
    labels: { 'dev.dynaudit.tool': 'dynaudit', 'dev.dynaudit.role': 'test' },
    env: ['PYTHONDONTWRITEBYTECODE=1'],
    user: 'root',
    workingDir: '/opt/fakenet',
    networkMode: 'none',
    dns: [],
    capAdd: [],
    securityOpt: [],
    readonlyRootfs: false,
    tmpfs: {},
    volumes: [],
    memoryBytes: 256 * 1024 * 1024,
    pidsLimit: 64,
    nanoCpus: 1e9,
  });
  try {
    const outcome = await engine.exec(id, { command: ['python3', '-m', 'unittest', '-v', 'test_sink'], user: 'root', outputCapBytes: 65536, deadlineMs: 60_000 });
    t.is(outcome.exitCode, 0, outcome.stderr);
    t.regex(outcome.stderr, /Ran \d+ tests[\s\S]*OK/);
  } finally {
    await engine.removeContainer(id);
  }
});

test("the package sees a CI runner's network, not the sidecar's processes or code", async (t) => {
  const output = await shell('ps -eo comm; echo ---; ls /opt/fakenet 2>&1; echo ---; ip -4 -o addr show eth0; ip route; echo ---; getent hosts probe.dynaudit-test.example');
  const [processes, code, network, names] = output.split('---\n');
  t.false(/tcpdump|python3/.test(processes ?? ''), processes);
  t.regex(code ?? '', /No such file or directory/);
  t.regex(network ?? '', /eth0\s+inet 10\.1\.0\.4\/16/);
  t.regex(network ?? '', /^default via 10\.1\.0\.1 dev eth0/m);
  t.regex(names ?? '', /^198\.51\.100\.\d+\s+probe\.dynaudit-test\.example/);
});

test('the fake internet is ready before the first phase: the very first command reaches it', async (t) => {
  const output = await shell('curl -s -o /dev/null -w "%{http_code}" http://first.dynaudit-test.example/');
  t.is(output.trim(), '200');
});

test('the package cannot undo the redirects: it has no capability to change the network', async (t) => {
  const output = await shell('iptables -t nat -F 2>&1; ip link set eth0 down 2>&1; echo exit=$?');
  t.regex(output, /Permission denied|Operation not permitted/);
  t.regex(output, /exit=[1-9]/);
});

test('a started sandbox with a sidecar is removed whole: no container of the run is left', async (t) => {
  const sandbox = await new DockerSandbox(engine).start({ ...options, runId: 'itest-dispose' });
  const capture = await sandbox.collectNetwork();
  await sandbox[Symbol.asyncDispose]();
  t.deepEqual(capture?.problems, []);
  const left = spawnSync('docker', ['ps', '-aq', '--filter', 'label=dev.dynaudit.run=itest-dispose'], { encoding: 'utf8' });
  t.is(left.status, 0, left.stderr);
  t.is(left.stdout.trim(), '');
});
