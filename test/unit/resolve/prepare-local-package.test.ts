import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { DynauditError } from '../../../src/common/errors.js';
import { computeIntegrity } from '../../../src/resolve/integrity.js';
import { prepareLocalPackage, type LocalSpec } from '../../../src/resolve/prepare-local-package.js';
import { createPacoteClient } from '../../../src/resolve/registry-client.js';

// Local sources need no network: pacote packs and reads them on disk.
const fixtures = fileURLToPath(new URL('../../fixtures/resolve/', import.meta.url));

async function setup(t: import('ava').ExecutionContext) {
  const dir = await mkdtemp(join(tmpdir(), 'dynaudit-local-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const projectDir = join(dir, 'project');
  await mkdir(projectDir);
  const client = createPacoteClient({ cacheDir: join(dir, 'cache') });
  const prepare = (spec: LocalSpec) => prepareLocalPackage(spec, projectDir, client, join(dir, `unpacked-${Math.random()}`));
  return { dir, projectDir, prepare };
}

const directory = (path: string): LocalSpec => ({ kind: 'directory', raw: path, path });
const tarball = (path: string): LocalSpec => ({ kind: 'tarball', raw: path, path });

test('a directory is packed into the project without running its prepare script', async (t) => {
  const { projectDir, prepare } = await setup(t);
  const local = await prepare(directory(join(fixtures, 'tiny-pkg')));
  t.like(local, { name: 'dynaudit-fixture-tiny', version: '1.0.0', fileName: 'dynaudit-fixture-tiny-1.0.0.tgz' });
  t.true(local.hasInstallScript);
  const data = await readFile(join(projectDir, local.fileName));
  t.is(local.integrity, computeIntegrity(data));
  await t.throwsAsync(stat(join(fixtures, 'tiny-pkg', 'PREPARE_RAN')));
});

test('a binding.gyp without an install script counts as an install script', async (t) => {
  const { prepare } = await setup(t);
  t.true((await prepare(directory(join(fixtures, 'gyp-pkg')))).hasInstallScript);
});

test('a tarball keeps its bytes and integrity', async (t) => {
  const { dir, prepare } = await setup(t);
  const packed = await prepare(directory(join(fixtures, 'tiny-pkg')));
  const copy = join(dir, 'copy.tgz');
  await writeFile(copy, await readFile(join(dir, 'project', packed.fileName)));
  const local = await prepare(tarball(copy));
  t.is(local.integrity, packed.integrity);
  t.is(local.fileName, packed.fileName);
});

test('a scoped package gets npm pack file name', async (t) => {
  const { dir, prepare } = await setup(t);
  const pkg = join(dir, 'scoped');
  await mkdir(pkg);
  await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: '@dynaudit-fixture/scoped', version: '2.0.0' }));
  t.is((await prepare(directory(pkg))).fileName, 'dynaudit-fixture-scoped-2.0.0.tgz');
});

test('a name or version that could escape the project dir is rejected', async (t) => {
  const { dir, prepare } = await setup(t);
  for (const [name, version] of [['../../evil', '1.0.0'], ['ok', '1.0.0/../../x'], ['ok', undefined]]) {
    const pkg = join(dir, `bad-${Math.random()}`);
    await mkdir(pkg);
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name, version }));
    const error = await t.throwsAsync<DynauditError>(prepare(directory(pkg)));
    t.is(error?.code, 'E_BAD_TARBALL');
    t.regex(error?.message ?? '', /invalid (name|version)/);
  }
});

test('a broken package.json is E_BAD_TARBALL naming the file', async (t) => {
  const { prepare } = await setup(t);
  const error = await t.throwsAsync<DynauditError>(prepare(directory(join(fixtures, 'broken-json-pkg'))));
  t.is(error?.code, 'E_BAD_TARBALL');
  t.regex(error?.message ?? '', /broken-json-pkg\/package\.json is not valid JSON/);
});

test('a directory without package.json is E_BAD_SPEC naming the file', async (t) => {
  const { prepare } = await setup(t);
  const error = await t.throwsAsync<DynauditError>(prepare(directory(join(fixtures, 'no-manifest-dir'))));
  t.is(error?.code, 'E_BAD_SPEC');
  t.regex(error?.message ?? '', /no-manifest-dir\/package\.json/);
});

test('a file that is not a tarball is E_BAD_TARBALL', async (t) => {
  const { prepare } = await setup(t);
  const error = await t.throwsAsync<DynauditError>(prepare(tarball(join(fixtures, 'not-a-tarball.tgz'))));
  t.is(error?.code, 'E_BAD_TARBALL');
  t.regex(error?.message ?? '', /not-a-tarball\.tgz.*not a valid package tarball/);
});
