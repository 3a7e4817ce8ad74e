import test from 'ava';
import { GenericContainer, type StartedTestContainer } from 'testcontainers';
import { buildConfig } from '../../src/common/config.js';
import { DockerEngine } from '../../src/sandbox/docker-engine.js';
import { ensureSandboxImage } from '../../src/sandbox/sandbox-image.js';

let container: StartedTestContainer | undefined;

test.before(async () => {
  const config = buildConfig(process.env);
  const image = await ensureSandboxImage(new DockerEngine(), { imagesDir: config.imagesDir, onProgress: () => {} });
  container = await new GenericContainer(image).withNetworkMode('none').withCommand(['sleep', 'infinity']).start();
});

test.after.always(async () => {
  await container?.stop({ remove: true, removeVolumes: true });
});

async function run(command: string[], user?: string): Promise<{ output: string; exitCode: number }> {
  if (!container) throw new Error('container did not start');
  return container.exec(command, user ? { user } : {});
}

test('the sandbox image has Node.js 22 and npm 11', async (t) => {
  t.regex((await run(['node', '--version'])).output, /^v22\./);
  t.regex((await run(['npm', '--version'])).output, /^11\./);
});

test('the sandbox image has strace, tini and the tools a CI runner has', async (t) => {
  for (const tool of ['strace', 'tini', 'curl', 'wget', 'git', 'python3', 'make', 'g++']) {
    t.is((await run(['sh', '-c', `command -v ${tool}`])).exitCode, 0, `${tool} is missing`);
  }
});

test('the runner user is not root and owns its home', async (t) => {
  t.is((await run(['id', '-u'], 'runner')).output.trim(), '1001');
  t.is((await run(['stat', '-c', '%U', '/home/runner'])).output.trim(), 'runner');
});

test('the image has no set-uid programs to climb back to root with', async (t) => {
  const found = await run(['sh', '-c', 'find / -xdev -type f -perm /6000 2>/dev/null']);
  t.is(found.output.trim(), '');
});
