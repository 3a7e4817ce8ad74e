import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { cachedTree, keepTree, TREE_TTL_MS } from '../../../src/resolve/tree-cache.js';

const KEY = { registry: 'https://r.test/', name: 'a', version: '1.0.0', integrity: 'sha512-x' };

test('a tree resolved minutes ago is reused for the same root and registry only', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-trees-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await keepTree(dir, KEY, { lockfileVersion: 3 });
  t.deepEqual(await cachedTree(dir, KEY), { lockfileVersion: 3 });
  t.is(await cachedTree(dir, { ...KEY, registry: 'https://mirror.test/' }), null);
  t.is(await cachedTree(dir, { ...KEY, integrity: 'sha512-y' }), null);
});

test('a tree older than the registry\'s max-age is resolved again', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-trees-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await keepTree(dir, KEY, { lockfileVersion: 3 });
  t.is(await cachedTree(dir, KEY, Date.now() + TREE_TTL_MS + 1000), null);
});
