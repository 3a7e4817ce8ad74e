import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { DynauditError } from '../../../src/common/errors.js';
import { removeResolved } from '../../../src/resolve/remove-resolved.js';

test('the whole resolve directory is removed', async (t) => {
  const workDir = await mkdtemp(join(tmpdir(), 'dynaudit-remove-'));
  t.teardown(() => rm(workDir, { recursive: true, force: true }));
  const rootDir = join(workDir, 'resolve-abc');
  await mkdir(join(rootDir, 'project'), { recursive: true });
  await mkdir(join(rootDir, 'cache'));
  await removeResolved({ projectDir: join(rootDir, 'project'), cacheDir: join(rootDir, 'cache') });
  await t.throwsAsync(stat(rootDir));
  t.truthy(await stat(workDir));
});

test('directories not made by resolvePackage are left alone', async (t) => {
  const error = await t.throwsAsync<DynauditError>(removeResolved({ projectDir: '/home/someone', cacheDir: '/home/.npm' }));
  t.is(error?.code, 'E_INTERNAL');
});
