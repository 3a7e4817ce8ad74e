import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import test from 'ava';
import { Parser, type ReadEntry } from 'tar';
import { entryName, homeArchive, homeRelative } from '../../../src/sandbox/home-archive.js';

/** Every entry of the archive: name, type and owner, in order. */
async function entries(folders: Parameters<typeof homeArchive>[0]): Promise<string[]> {
  const seen: string[] = [];
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      seen.push(`${entry.path} ${entry.type} ${entry.uid}`);
      entry.resume();
    },
  });
  await pipeline(homeArchive(folders), parser);
  return seen;
}

test('the home, the project and the cache go in one archive, each below its folder of the home and owned by the runner', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-home-archive-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  for (const [file, text] of [['home/.npmrc', 'token'], ['project/package.json', '{}'], ['cache/index', 'x']] as const) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  const names = await entries([
    { hostDir: path.join(root, 'home'), containerDir: '/home/runner' },
    { hostDir: path.join(root, 'project'), containerDir: '/home/runner/work/app' },
    { hostDir: path.join(root, 'cache'), containerDir: '/home/runner/.npm' },
  ]);
  t.deepEqual(names, [
    '. Directory 1001',
    '.npmrc File 1001',
    'work/app Directory 1001',
    'work/app/package.json File 1001',
    '.npm Directory 1001',
    '.npm/index File 1001',
  ]);
});

test('a folder outside the runner\'s home is refused before anything is packed', (t) => {
  t.throws(() => homeArchive([{ hostDir: '/tmp', containerDir: '/etc' }]), { code: 'E_SANDBOX' } as never);
  t.throws(() => homeRelative('/home/runner-other'), { message: /only the runner's home/ });
  t.throws(() => homeRelative('/home/runner/../etc'), { message: /only the runner's home/ });
  t.is(homeRelative('/home/runner/..cache'), '..cache');
});

test('an entry of the home itself keeps its name; one of a folder below it gets the folder in front', (t) => {
  t.is(entryName('', '.'), '.');
  t.is(entryName('', '.ssh/id_rsa'), '.ssh/id_rsa');
  t.is(entryName('work/app', ''), 'work/app');
  t.is(entryName('work/app', 'index.js'), 'work/app/index.js');
});
