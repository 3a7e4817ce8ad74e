import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { lockfileLine, manifestLine, sarifLocation } from '../../../src/cli/sarif-location.js';

const LOCKFILE = ['{', '  "name": "app",', '  "packages": {', '    "": { "name": "app" },', '    "node_modules/esbuild": {', '      "version": "0.24.2"', '    },', '    "node_modules/@scope/pkg": {}', '  }', '}'].join('\n');
const MANIFEST = ['{', '  "name": "esbuild-app",', '  "dependencies": {', '    "left-pad": "^1.3.0",', '    "esbuild": "^0.24.0"', '  }', '}'].join('\n');

test('the lockfile line of a package is its top-level node_modules entry', (t) => {
  t.is(lockfileLine(LOCKFILE, 'esbuild'), 5);
  t.is(lockfileLine(LOCKFILE, '@scope/pkg'), 8);
  t.is(lockfileLine(LOCKFILE, 'lodash'), null);
});

test('the manifest line of a package is its dependency entry, not a field that shares its name', (t) => {
  t.is(manifestLine(MANIFEST, 'esbuild'), 5);
  t.is(manifestLine(MANIFEST, 'name'), null);
  t.is(manifestLine(MANIFEST, 'lodash'), null);
});

test('the location prefers the lockfile, then package.json, and is unknown otherwise', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-sarif-'));
  try {
    t.is(await sarifLocation('esbuild@0.24.2', 'esbuild', dir), undefined);
    await writeFile(path.join(dir, 'package.json'), MANIFEST);
    t.deepEqual(await sarifLocation('esbuild@0.24.2', 'esbuild', dir), { uri: 'package.json', line: 5 });
    await writeFile(path.join(dir, 'package-lock.json'), LOCKFILE);
    t.deepEqual(await sarifLocation('esbuild@0.24.2', 'esbuild', dir), { uri: 'package-lock.json', line: 5 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a local package folder inside the working directory is located by its own package.json', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-sarif-'));
  try {
    await mkdir(path.join(dir, 'packages', 'tool'), { recursive: true });
    t.deepEqual(await sarifLocation('./packages/tool', 'tool', dir), { uri: 'packages/tool/package.json', line: 1 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
