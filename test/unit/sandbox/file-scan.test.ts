import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { fileScanCommand, parseFileScan, settleCommand, type ScanPlaces } from '../../../src/sandbox/file-scan.js';

/** The scan's own script run on a scratch folder of the host (it is ours: no package code runs). */
function scratch(t: { teardown: (fn: () => void) => void }): { places: ScanPlaces; file: (name: string, text: string) => string; scan: (needles: string[]) => string[] } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-file-scan-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const folders = ['home', 'tmp'].map((name) => path.join(root, name));
  for (const folder of [...folders, path.join(root, 'state')]) mkdirSync(folder);
  const places = { folders, mark: path.join(root, 'state', 'files-scanned') };
  const file = (name: string, text: string): string => {
    const target = path.join(root, name);
    writeFileSync(target, text);
    return target;
  };
  const scan = (needles: string[]): string[] => {
    const [program, ...args] = fileScanCommand(needles, places);
    const hits = parseFileScan(execFileSync(program!, args, { encoding: 'utf8' }), needles);
    return hits.map((hit) => `${path.relative(root, hit.path)} ${hit.needle}`).sort();
  };
  return { places, file, scan };
}

test('the first scan reads every file of the writable places for every fixed string, binary files as text', (t) => {
  const { file, scan } = scratch(t);
  file('home/.npmrc-copy', 'x npm_SECRET y');
  file('tmp/blob.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('AKIA-SECRET'), Buffer.from([0])]).toString('latin1'));
  file('tmp/plain.txt', 'nothing here');
  t.deepEqual(scan(['npm_SECRET', 'AKIA-SECRET', '-e-looking-needle']), ['home/.npmrc-copy npm_SECRET', 'tmp/blob.bin AKIA-SECRET']);
});

test('a later scan reads only files changed since the last one, also when their mtime was set back', (t) => {
  const { file, scan } = scratch(t);
  file('home/old.txt', 'npm_SECRET');
  t.deepEqual(scan(['npm_SECRET']), ['home/old.txt npm_SECRET']);
  t.deepEqual(scan(['npm_SECRET']), [], 'nothing changed since');
  const hidden = file('tmp/staged.txt', 'npm_SECRET');
  utimesSync(hidden, new Date('2001-01-01'), new Date('2001-01-01'));
  t.deepEqual(scan(['npm_SECRET']), ['tmp/staged.txt npm_SECRET']);
});

test('files settled after a step that ran no package code are left out of the next scan until they change', (t) => {
  const { places, file, scan } = scratch(t);
  file('home/laid-out.js', 'npm_SECRET');
  const [program, ...args] = settleCommand(places);
  execFileSync(program!, args);
  t.deepEqual(scan(['npm_SECRET']), []);
  file('home/laid-out.js', 'changed npm_SECRET');
  t.deepEqual(scan(['npm_SECRET']), ['home/laid-out.js npm_SECRET']);
});

test('hits are read back per file and needle; anything else in the output is ignored', (t) => {
  const output = '/tmp/x\0abc\n/tmp/x\0abc\n/home/runner/a b:c\0def\nnoise\nrelative\0abc\n/tmp/y\0unknown\n';
  t.deepEqual(parseFileScan(output, ['abc', 'def']), [
    { path: '/tmp/x', needle: 'abc' },
    { path: '/home/runner/a b:c', needle: 'def' },
  ]);
});
