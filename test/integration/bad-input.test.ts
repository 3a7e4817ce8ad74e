/**
 * Input the analysis cannot be done with: each is exit 2 with one line on
 * stderr naming the input, and nothing written to the result store.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import test from 'ava';
import { fixturePackage, repoRoot, runCli } from '../helpers/run-cli.js';
import { packTarball, sri, startTinyRegistry } from '../helpers/tiny-registry.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-bad-input-it-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;

/** Runs the CLI with its own store; checks exit 2, one error line, and an untouched store. */
async function rejects(t: import('ava').ExecutionContext, args: readonly string[], names: RegExp, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const store = path.join(dir, `store-${++counter}.sqlite`);
  const result = await runCli([...args, '--store', store], { env });
  t.is(result.exitCode, 2, result.stderr);
  t.is(result.stdout, '');
  const errors = result.stderr.split('\n').filter((line) => line.startsWith('dynaudit: error:'));
  t.is(errors.length, 1, result.stderr);
  t.false(/\n\s+at /.test(result.stderr), 'no stack trace');
  t.regex(errors[0] ?? '', names);
  let stored = 0;
  try {
    const db = new Database(store, { readonly: true, fileMustExist: true });
    stored = (db.prepare('SELECT count(*) AS n FROM analyses').get() as { n: number }).n;
    db.close();
  } catch {
    // No store file at all: nothing half-written either.
  }
  t.is(stored, 0, 'nothing was stored');
  return errors[0] ?? '';
}

test('a package that does not exist is exit 2 naming it', async (t) => {
  await rejects(t, ['analyze', 'dynaudit-no-such-package-6b1f0e@1.0.0'], /dynaudit-no-such-package-6b1f0e.*not found/);
});

test('a version that does not exist is exit 2 naming the version', async (t) => {
  await rejects(t, ['analyze', 'left-pad@99.0.0'], /left-pad.*99\.0\.0/);
});

test('a malformed spec is exit 2 naming it', async (t) => {
  await rejects(t, ['analyze', 'foo@^^1'], /foo@\^\^1/);
});

test('a tarball that is not a tarball is exit 2 naming the file', async (t) => {
  await rejects(t, ['analyze', path.join(repoRoot, 'test', 'fixtures', 'resolve', 'not-a-tarball.tgz')], /not-a-tarball\.tgz/);
});

test('a tarball whose package.json is broken is exit 2 naming the file', async (t) => {
  const tarball = await packTarball(dir, 'broken-manifest', { 'package.json': '{ "name": "broken", "version": ' });
  await rejects(t, ['analyze', tarball], /broken-manifest\.tgz/);
});

test('a registry tarball that does not match its integrity is exit 2 (E_INTEGRITY) naming the package', async (t) => {
  const name = 'dynaudit-fixture-tampered';
  const tarball = await packTarball(dir, name, { 'package.json': JSON.stringify({ name, version: '1.0.0' }), 'index.js': '' });
  const registry = await startTinyRegistry(name, '1.0.0', tarball, sri(Buffer.from('the tarball the author published')));
  t.teardown(() => registry.close());
  const line = await rejects(t, ['analyze', `${name}@1.0.0`, '--format', 'text'], new RegExp(name), { DYNAUDIT_REGISTRY: registry.url });
  t.regex(line, /integrity/i);
});

test('a lockfile that is not one is exit 2 naming the file', async (t) => {
  const file = path.join(dir, 'package-lock.json');
  writeFileSync(file, 'this is not a lockfile\n');
  await rejects(t, ['lockfile', file], /package-lock\.json/);
});

test('a policy that is not valid YAML is exit 2 naming the file and line', async (t) => {
  await rejects(t, ['analyze', fixturePackage('benign'), '--policy', path.join(repoRoot, 'test', 'fixtures', 'policies', 'bad-yaml.yaml')], /bad-yaml\.yaml:\d+/);
});

for (const [what, host] of [
  ['a closed port', 'tcp://127.0.0.1:1'],
  ['a socket that does not exist', `unix://${path.join(os.tmpdir(), 'dynaudit-no-such-docker.sock')}`],
] as const) {
  test(`a Docker engine that does not answer (${what}) is exit 2 saying how to fix it`, async (t) => {
    const line = await rejects(t, ['analyze', fixturePackage('benign')], /no Docker engine answers/, { DOCKER_HOST: host });
    t.regex(line, /ensure-docker\.sh|DOCKER_HOST/);
  });
}
