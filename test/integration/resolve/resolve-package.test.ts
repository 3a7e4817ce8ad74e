import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import type { DynauditError } from '../../../src/common/errors.js';
import { parseSpec, removeResolved, resolvePackage, type ResolvedPackage } from '../../../src/resolve/index.js';
import { fillCache } from '../../../src/resolve/fill-cache.js';
import { computeIntegrity } from '../../../src/resolve/integrity.js';
import { createPacoteClient } from '../../../src/resolve/registry-client.js';

// Real registry, no Docker. The offline install runs on the host inside
// `unshare --net` (a network namespace without interfaces; needs root) and
// always with --ignore-scripts: package code never runs here.

const execFileAsync = promisify(execFile);
const fixtures = fileURLToPath(new URL('../../fixtures/resolve/', import.meta.url));

async function tempDir(t: import('ava').ExecutionContext, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `dynaudit-${prefix}-`));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `npm ci --offline` of a copy of the project, from the resolved cache only, with no network at all. */
async function installOffline(t: import('ava').ExecutionContext, resolved: ResolvedPackage): Promise<string> {
  const dir = await tempDir(t, 'ci');
  await cp(resolved.projectDir, dir, { recursive: true });
  const userconfig = join(dir, '.npmrc-empty');
  await writeFile(userconfig, '');
  const args = ['--net', 'npm', 'ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'];
  await execFileAsync('unshare', [...args, '--cache', resolved.cacheDir], {
    cwd: dir,
    env: { ...process.env, npm_config_userconfig: userconfig, npm_config_update_notifier: 'false' },
  });
  return dir;
}

async function installedVersion(dir: string, name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8'));
  return (manifest as { version: string }).version;
}

async function resolveTimed(t: import('ava').ExecutionContext, raw: string, workDir: string) {
  const started = Date.now();
  const resolved = await resolvePackage(parseSpec(raw, fixtures), { workDir });
  t.log(`${raw}: ${resolved.tree.length} packages in ${Date.now() - started} ms`);
  return resolved;
}

test('the network namespace used for the offline install reaches nothing', async (t) => {
  const probe = "fetch('http://1.1.1.1', { signal: AbortSignal.timeout(3000) }).then(() => process.exit(0), () => process.exit(3))";
  const error = await t.throwsAsync<Error & { code?: number }>(execFileAsync('unshare', ['--net', process.execPath, '-e', probe]));
  t.is(error?.code, 3);
});

test('left-pad@1.3.0 resolves and installs offline from the cache', async (t) => {
  const workDir = await tempDir(t, 'work');
  const resolved = await resolveTimed(t, 'left-pad@1.3.0', workDir);
  t.like(resolved, { name: 'left-pad', version: '1.3.0', source: 'registry' });
  t.regex(resolved.integrity, /^sha512-/);
  t.deepEqual(resolved.tree, [
    { name: 'left-pad', version: '1.3.0', integrity: resolved.integrity, location: 'node_modules/left-pad', hasInstallScript: false },
  ]);
  const lock = JSON.parse(await readFile(join(resolved.projectDir, 'package-lock.json'), 'utf8'));
  t.is(lock.lockfileVersion, 3);
  const manifest = JSON.parse(await readFile(join(resolved.projectDir, 'package.json'), 'utf8'));
  t.like(manifest, { name: 'app', private: true, dependencies: { 'left-pad': '1.3.0' } });
  t.is(await installedVersion(await installOffline(t, resolved), 'left-pad'), '1.3.0');
  await removeResolved(resolved);
  t.deepEqual(await readdir(workDir), []);
});

test('express@4.21.2 resolves and installs offline from the cache', async (t) => {
  const workDir = await tempDir(t, 'work');
  const messages: string[] = [];
  const started = Date.now();
  const resolved = await resolvePackage(parseSpec('express@4.21.2', fixtures), {
    workDir,
    onProgress: (message) => messages.push(message),
  });
  t.log(`express@4.21.2 cold: ${resolved.tree.length} packages in ${Date.now() - started} ms`);
  t.like(resolved, { name: 'express', version: '4.21.2', source: 'registry' });
  t.true(resolved.tree.length > 50);
  t.true(resolved.tree.every((entry) => entry.integrity.startsWith('sha512-')));
  t.true(resolved.tree.some((entry) => entry.location === 'node_modules/express'));
  t.is(messages.at(-1), `fetched ${resolved.tree.length}/${resolved.tree.length} tarballs`);
  const dir = await installOffline(t, resolved);
  t.is(await installedVersion(dir, 'express'), '4.21.2');
  await resolveTimed(t, 'express@4.21.2', workDir).then(removeResolved);
  await removeResolved(resolved);
});

test('a nonexistent package is E_PACKAGE_NOT_FOUND and leaves nothing in workDir', async (t) => {
  const workDir = await tempDir(t, 'work');
  const error = await t.throwsAsync<DynauditError>(
    resolvePackage(parseSpec('dynaudit-nonexistent-package-7f3a9c2e', fixtures), { workDir }),
  );
  t.is(error?.code, 'E_PACKAGE_NOT_FOUND');
  t.is(error?.message, 'package "dynaudit-nonexistent-package-7f3a9c2e" not found in the registry');
  t.deepEqual(await readdir(workDir), []);
});

test('a version no release matches is E_PACKAGE_NOT_FOUND', async (t) => {
  const workDir = await tempDir(t, 'work');
  const error = await t.throwsAsync<DynauditError>(resolvePackage(parseSpec('left-pad@99.0.0', fixtures), { workDir }));
  t.is(error?.code, 'E_PACKAGE_NOT_FOUND');
  t.is(error?.message, 'no version of "left-pad" matches "99.0.0"');
  t.deepEqual(await readdir(workDir), []);
});

test('a registry tarball that does not match its recorded integrity is E_INTEGRITY', async (t) => {
  const dir = await tempDir(t, 'cache');
  const client = createPacoteClient({ cacheDir: dir });
  const tampered = { name: 'left-pad', version: '1.3.0', integrity: computeIntegrity(Buffer.from('tampered')), location: 'node_modules/left-pad' };
  const error = await t.throwsAsync<DynauditError>(fillCache([tampered], { client }));
  t.is(error?.code, 'E_INTEGRITY');
  t.regex(error?.message ?? '', /"left-pad@1\.3\.0"/);
});

test('a directory resolves with source directory, its scripts never run', async (t) => {
  const workDir = await tempDir(t, 'work');
  const resolved = await resolveTimed(t, './tiny-pkg', workDir);
  t.like(resolved, { name: 'dynaudit-fixture-tiny', version: '1.0.0', source: 'directory' });
  const own = resolved.tree.find((entry) => entry.name === 'dynaudit-fixture-tiny');
  t.like(own, { integrity: resolved.integrity, hasInstallScript: true });
  t.true(resolved.tree.some((entry) => entry.name === 'left-pad'));
  const manifest = JSON.parse(await readFile(join(resolved.projectDir, 'package.json'), 'utf8'));
  t.is(manifest.dependencies['dynaudit-fixture-tiny'], 'file:./dynaudit-fixture-tiny-1.0.0.tgz');
  await t.throwsAsync(stat(join(fixtures, 'tiny-pkg', 'PREPARE_RAN')));

  const dir = await installOffline(t, resolved);
  t.is(await installedVersion(dir, 'left-pad'), '1.3.0');
  await t.throwsAsync(stat(join(dir, 'node_modules', 'dynaudit-fixture-tiny', 'POSTINSTALL_RAN')));

  // The cache handed to the sandbox names no host path.
  const index = await execFileAsync('grep', ['-rl', fixtures, join(resolved.cacheDir, '_cacache')]).catch(() => null);
  t.is(index, null);
  await removeResolved(resolved);
});

test('a tarball resolves with source tarball', async (t) => {
  const dir = await tempDir(t, 'tgz');
  const packed = await createPacoteClient({ cacheDir: join(dir, 'cache') }).tarball(`file:${join(fixtures, 'gyp-pkg')}`);
  await writeFile(join(dir, 'gyp.tgz'), packed);
  const resolved = await resolveTimed(t, join(dir, 'gyp.tgz'), join(dir, 'work'));
  t.like(resolved, { name: 'dynaudit-fixture-gyp', version: '0.1.0', source: 'tarball', integrity: computeIntegrity(packed) });
  t.like(resolved.tree, [{ name: 'dynaudit-fixture-gyp', hasInstallScript: true }]);
  await removeResolved(resolved);
});

test('a file that is not a tarball is E_BAD_TARBALL and leaves nothing in workDir', async (t) => {
  const workDir = await tempDir(t, 'work');
  const error = await t.throwsAsync<DynauditError>(resolvePackage(parseSpec('./not-a-tarball.tgz', fixtures), { workDir }));
  t.is(error?.code, 'E_BAD_TARBALL');
  t.deepEqual(await readdir(workDir), []);
});
