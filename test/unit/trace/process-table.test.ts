import test from 'ava';
import { ProcessTable, packageOfDir } from '../../../src/trace/index.js';

const PROJECT = '/sandbox/project';
const manager = { package: null, via: 'package-manager' } as const;

test('a folder is attributed to the package of its deepest node_modules segment', (t) => {
  t.is(packageOfDir(PROJECT, '/sandbox/project/node_modules/evil-pkg'), 'evil-pkg');
  t.is(packageOfDir(PROJECT, '/sandbox/project/node_modules/evil-pkg/lib/'), 'evil-pkg');
  t.is(packageOfDir(PROJECT, '/sandbox/project/node_modules/@s/thing'), '@s/thing');
  t.is(packageOfDir(PROJECT, '/sandbox/project/node_modules/a/node_modules/@s/b/build'), '@s/b');
  t.is(packageOfDir(PROJECT, '/sandbox/project/node_modules/.pnpm/x@1.0.0/node_modules/x'), 'x');
});

test('folders that are not a package folder have no package', (t) => {
  t.is(packageOfDir(PROJECT, '/sandbox/project'), null);
  t.is(packageOfDir(PROJECT, '/sandbox/project/node_modules'), null);
  t.is(packageOfDir(PROJECT, '/sandbox/project/node_modules/@s'), null);
  t.is(packageOfDir(PROJECT, '/sandbox/project/node_modules/.bin'), null);
  t.is(packageOfDir(PROJECT, '/elsewhere/node_modules/evil'), null);
  t.is(packageOfDir(PROJECT, '/sandbox/project-other/node_modules/evil'), null);
});

test('a .bin folder inside a package belongs to that package', (t) => {
  t.is(packageOfDir(PROJECT, '/sandbox/project/node_modules/a/node_modules/.bin'), 'a');
});

test('the first process gets the root attribution and the project folder as cwd', (t) => {
  const table = new ProcessTable(manager, PROJECT);
  const root = table.task(100);
  t.deepEqual(root.process.attribution, manager);
  t.is(root.fs.cwd, PROJECT);
  t.is(root.process.parentPid, null);
});

test('a forked child that enters a package folder becomes its lifecycle script', (t) => {
  const table = new ProcessTable(manager, PROJECT);
  table.task(100);
  table.spawn(100, 101, ['CLONE_CHILD_CLEARTID', 'CLONE_CHILD_SETTID', 'SIGCHLD']);
  table.chdir(101, '/sandbox/project/node_modules/@s/thing', true);
  t.deepEqual(table.task(101).process.attribution, { package: '@s/thing', via: 'lifecycle-script' });
  t.is(table.task(101).process.parentPid, 100);
  t.deepEqual(table.task(100).process.attribution, manager);
  t.is(table.task(100).fs.cwd, PROJECT);
});

test('a process attributed to a package never switches by changing folder', (t) => {
  const table = new ProcessTable(manager, PROJECT);
  table.task(100);
  table.spawn(100, 101, []);
  table.chdir(101, '/sandbox/project/node_modules/evil', true);
  table.chdir(101, '/sandbox/project/node_modules/innocent', true);
  table.chdir(101, '/sandbox/project', true);
  t.deepEqual(table.task(101).process.attribution, { package: 'evil', via: 'lifecycle-script' });
});

test('an imported package keeps its attribution whatever folder it enters', (t) => {
  const table = new ProcessTable({ package: 'pkg', via: 'import' }, PROJECT);
  table.task(1);
  table.chdir(1, '/sandbox/project/node_modules/other', true);
  t.deepEqual(table.task(1).process.attribution, { package: 'pkg', via: 'import' });
});

test('threads share their process attribution and cwd; forks copy them', (t) => {
  const table = new ProcessTable(manager, PROJECT);
  table.task(100);
  table.spawn(100, 101, ['CLONE_VM', 'CLONE_FS', 'CLONE_FILES', 'CLONE_SIGHAND', 'CLONE_THREAD']);
  table.spawn(100, 102, ['CLONE_VM', 'CLONE_VFORK']);
  table.chdir(101, '/sandbox/project/node_modules/evil', true);
  t.is(table.task(100).fs.cwd, '/sandbox/project/node_modules/evil');
  t.is(table.task(100).process.attribution.package, 'evil');
  t.is(table.task(102).fs.cwd, PROJECT);
  t.is(table.task(102).process.attribution.package, null);
  t.is(table.task(101).process.tgid, 100);
});

test('a child seen before its parent clone returns is created from that parent', (t) => {
  const table = new ProcessTable(manager, PROJECT, new Map([[201, { parentPid: 200, flags: [] }]]));
  table.task(200);
  table.chdir(200, '/sandbox/project/node_modules/evil', true);
  const child = table.task(201);
  t.is(child.process.parentPid, 200);
  t.is(child.process.attribution.package, 'evil');
  t.is(table.spawn(200, 201, []), child);
});

test('an unknown pid gets the root attribution with unknown parent and cwd', (t) => {
  const table = new ProcessTable(manager, PROJECT);
  table.task(1);
  const stray = table.task(77);
  t.deepEqual(stray.process.attribution, manager);
  t.is(stray.process.parentPid, null);
  t.is(stray.fs.cwd, null);
});
