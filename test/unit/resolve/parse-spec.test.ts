import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { DynauditError } from '../../../src/common/errors.js';
import { parseSpec } from '../../../src/resolve/parse-spec.js';

const fixtures = fileURLToPath(new URL('../../fixtures/resolve/', import.meta.url));

function rejects(t: import('ava').ExecutionContext, raw: string, cwd: string, reason: RegExp): void {
  const error = t.throws<DynauditError>(() => parseSpec(raw, cwd));
  t.is(error?.code, 'E_BAD_SPEC');
  t.true(error?.message.startsWith(`invalid package spec ${JSON.stringify(raw)}: `), error?.message);
  t.regex(error?.message ?? '', reason);
  t.false(error?.message.includes('\n'));
}

test('a bare name resolves the latest dist-tag', (t) => {
  t.deepEqual(parseSpec('left-pad', '/'), { kind: 'registry', raw: 'left-pad', name: 'left-pad', range: 'latest' });
});

test('an exact version is kept', (t) => {
  t.deepEqual(parseSpec('left-pad@1.3.0', '/'), {
    kind: 'registry',
    raw: 'left-pad@1.3.0',
    name: 'left-pad',
    range: '1.3.0',
  });
});

test('a range is kept, spaces inside it included', (t) => {
  t.like(parseSpec('left-pad@^1.2.0', '/'), { kind: 'registry', name: 'left-pad', range: '^1.2.0' });
  t.like(parseSpec('left-pad@>=1 <2', '/'), { kind: 'registry', name: 'left-pad', range: '>=1 <2' });
  t.like(parseSpec('left-pad@1.x', '/'), { kind: 'registry', name: 'left-pad', range: '1.x' });
});

test('a dist-tag is kept', (t) => {
  t.like(parseSpec('left-pad@next', '/'), { kind: 'registry', name: 'left-pad', range: 'next' });
  t.like(parseSpec('left-pad@latest', '/'), { kind: 'registry', name: 'left-pad', range: 'latest' });
});

test('a scoped name is accepted with or without a version', (t) => {
  t.like(parseSpec('@types/node@20.11.0', '/'), { kind: 'registry', name: '@types/node', range: '20.11.0' });
  t.like(parseSpec('@types/node', '/'), { kind: 'registry', name: '@types/node', range: 'latest' });
});

test('a legacy name with capitals that npm still installs is accepted', (t) => {
  t.like(parseSpec('JSONStream@1.3.5', '/'), { kind: 'registry', name: 'JSONStream', range: '1.3.5' });
});

test('a relative directory is resolved against cwd', (t) => {
  t.deepEqual(parseSpec('./tiny-pkg', fixtures), {
    kind: 'directory',
    raw: './tiny-pkg',
    path: resolve(fixtures, 'tiny-pkg'),
  });
  t.like(parseSpec('tiny-pkg/', fixtures), { kind: 'directory', path: resolve(fixtures, 'tiny-pkg') });
});

test('an absolute directory is accepted', (t) => {
  const dir = resolve(fixtures, 'gyp-pkg');
  t.deepEqual(parseSpec(dir, '/'), { kind: 'directory', raw: dir, path: dir });
});

test('a file: directory spec is accepted', (t) => {
  t.like(parseSpec('file:./tiny-pkg', fixtures), { kind: 'directory', path: resolve(fixtures, 'tiny-pkg') });
});

test('tgz and tar.gz files are tarballs', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'dynaudit-parse-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'pkg.tar.gz'), '');
  t.deepEqual(parseSpec('./not-a-tarball.tgz', fixtures), {
    kind: 'tarball',
    raw: './not-a-tarball.tgz',
    path: resolve(fixtures, 'not-a-tarball.tgz'),
  });
  t.like(parseSpec('pkg.tar.gz', dir), { kind: 'tarball', path: join(dir, 'pkg.tar.gz') });
  t.like(parseSpec(join(dir, 'pkg.tar.gz'), '/'), { kind: 'tarball', path: join(dir, 'pkg.tar.gz') });
});

test('an empty or blank spec is rejected', (t) => {
  rejects(t, '', '/', /empty/);
  rejects(t, '   ', '/', /empty/);
});

test('leading or trailing whitespace is rejected', (t) => {
  rejects(t, ' left-pad', '/', /whitespace/);
  rejects(t, 'left-pad@1.3.0 ', '/', /whitespace/);
});

test('a malformed scope is rejected', (t) => {
  rejects(t, '@@x', '/', /invalid package name/);
});

test('a version that is neither a version, a range nor a tag is rejected', (t) => {
  rejects(t, 'foo@^^1', '/', /"\^\^1" is neither a version, a range nor a dist-tag/);
});

test('names with spaces are rejected', (t) => {
  rejects(t, 'foo bar', '/', /cannot contain spaces/);
  rejects(t, 'foo bar@1.0.0', '/', /cannot contain spaces/);
});

test('names npm considers invalid are rejected', (t) => {
  rejects(t, '_private', '/', /invalid package name/);
  rejects(t, '-foo', '/', /invalid package name/);
  rejects(t, 'ünicode', '/', /invalid package name/);
  rejects(t, 'foo:bar', '/', /Unsupported URL Type/);
});

test('git specs are rejected as not supported yet', (t) => {
  rejects(t, 'github:user/repo', '/', /git specs are not supported yet/);
  rejects(t, 'user/repo', '/', /git specs are not supported yet/);
  rejects(t, 'git+ssh://git@example.com/user/repo.git', '/', /git specs are not supported yet/);
});

test('URL specs are rejected as not supported yet', (t) => {
  rejects(t, 'https://example.com/pkg-1.0.0.tgz', '/', /URL specs are not supported yet/);
});

test('npm: aliases are rejected as not supported yet', (t) => {
  rejects(t, 'npm:left-pad@1.3.0', '/', /alias specs are not supported yet/);
  rejects(t, 'pad@npm:left-pad@1.3.0', '/', /alias specs are not supported yet/);
});

test('a local path that does not exist is rejected', (t) => {
  rejects(t, './does-not-exist', fixtures, /no such directory .*does-not-exist/);
  rejects(t, './missing.tgz', fixtures, /no such file .*missing\.tgz/);
});

test('a file without a tarball extension is not taken for a directory', (t) => {
  rejects(t, './tiny-pkg/package.json', fixtures, /is not a directory/);
});

test('a directory with a tarball extension is rejected', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'dynaudit-parse-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'dir.tgz'));
  rejects(t, './dir.tgz', dir, /is not a tarball file/);
});
