import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { contentPath, exportTarballs } from '../../../src/resolve/cache-export.js';

const sri = (data: string) => `sha512-${createHash('sha512').update(data).digest('base64')}`;

test('content is where cacache puts it: algorithm, then the hex digest split 2/2/rest', (t) => {
  const integrity = sri('tarball');
  const hex = createHash('sha512').update('tarball').digest('hex');
  t.is(contentPath('/c', integrity), `/c/_cacache/content-v2/sha512/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex.slice(4)}`);
  t.is(contentPath('/c', `sha1-abc= ${integrity}`), contentPath('/c', integrity), 'the sha512 of several hashes is used');
});

test('exported tarballs are the same files in the run\'s cache, and nothing else is', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-export-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const shared = path.join(dir, 'shared');
  const run = path.join(dir, 'run');
  for (const data of ['a', 'b']) {
    const file = contentPath(shared, sri(data));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  await exportTarballs([sri('a'), sri('a')], shared, run);
  t.is(readFileSync(contentPath(run, sri('a')), 'utf8'), 'a');
  t.is(statSync(contentPath(run, sri('a'))).ino, statSync(contentPath(shared, sri('a'))).ino, 'a hard link on one filesystem');
  t.throws(() => statSync(contentPath(run, sri('b'))));
});

test('a tarball missing from the shared cache is an error naming it', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-export-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await t.throwsAsync(exportTarballs([sri('missing')], path.join(dir, 'shared'), path.join(dir, 'run')), { code: 'E_RESOLVE', message: /is missing/ });
});
