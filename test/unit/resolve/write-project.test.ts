import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { writeProject } from '../../../src/resolve/write-project.js';

async function written(t: import('ava').ExecutionContext, name: string, spec: string): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'dynaudit-project-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeProject(dir, name, spec);
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
}

test('the project is a private app depending on the analyzed package only', async (t) => {
  t.deepEqual(await written(t, 'left-pad', '1.3.0'), {
    name: 'app',
    version: '1.0.0',
    private: true,
    dependencies: { 'left-pad': '1.3.0' },
  });
});

test('a package named app gets a project of another name', async (t) => {
  t.like(await written(t, 'app', 'file:./app-1.0.0.tgz'), { name: 'dynaudit-app', dependencies: { app: 'file:./app-1.0.0.tgz' } });
});
