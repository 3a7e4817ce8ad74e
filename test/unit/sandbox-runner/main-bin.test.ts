import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';

interface MainBin {
  binEntries(manifest: Record<string, unknown>, name: string): Record<string, unknown>;
  binOfMain(fromDir: string, name: string): string | null;
}
const { binEntries, binOfMain } = createRequire(import.meta.url)('../../../sandbox-images/node/runner/main-bin.cjs') as MainBin;

/** A project holding one installed package with `manifest` and empty files at `files` (nothing is run, only resolved). */
function project(t: { teardown(fn: () => void): void }, manifest: Record<string, unknown>, files: readonly string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-main-bin-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const packageDir = path.join(dir, 'node_modules', manifest.name as string);
  for (const file of ['package.json', ...files]) mkdirSync(path.dirname(path.join(packageDir, file)), { recursive: true });
  writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify(manifest));
  for (const file of files) writeFileSync(path.join(packageDir, file), '');
  writeFileSync(path.join(dir, 'package.json'), '{}');
  return dir;
}

test('a bin given as one file is named after the package, unscoped; a map is kept; anything else is no bin', (t) => {
  t.deepEqual(binEntries({ bin: 'lib/bin.js' }, '@scope/tool'), { tool: 'lib/bin.js' });
  t.deepEqual(binEntries({ bin: { a: 'a.js', b: 'b.js' } }, 'tool'), { a: 'a.js', b: 'b.js' });
  t.deepEqual(binEntries({}, 'tool'), {});
  t.deepEqual(binEntries({ bin: null }, 'tool'), {});
});

test('a main that is one of the bins names that bin, with or without the .js the bin path leaves out', (t) => {
  t.is(binOfMain(project(t, { name: 'parcel', main: 'lib/bin.js', bin: 'lib/bin.js' }, ['lib/bin.js']), 'parcel'), 'parcel');
  t.is(binOfMain(project(t, { name: 'tool', main: 'cli.js', bin: { 'tool-cli': './cli' } }, ['cli.js']), 'tool'), 'tool-cli');
});

test('a library main beside its bins, a package without a loadable main, or one not installed is no bin run', (t) => {
  t.is(binOfMain(project(t, { name: 'lib', main: 'index.js', bin: { lib: 'cli.js' } }, ['index.js', 'cli.js']), 'lib'), null);
  t.is(binOfMain(project(t, { name: 'cli-only', bin: 'cli.js' }, ['cli.js']), 'cli-only'), null);
  t.is(binOfMain(project(t, { name: 'lib', main: 'index.js' }, ['index.js']), 'absent'), null);
});
