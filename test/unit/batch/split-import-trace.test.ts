import test from 'ava';
import { importChunkCommand, isSafeAlias } from '../../../src/batch/import-command.js';
import { itemKey, splitImportTrace } from '../../../src/batch/split-import-trace.js';
import { parseStrace, recordsToEvents } from '../../../src/trace/index.js';

const LOADER = '/usr/local/lib/runner/load-package.mjs';
const APP = '/home/runner/work/app';
const loader = (pid: number, t: string, name: string, base = APP) =>
  `${pid} ${t} execve("/usr/local/bin/node", ["node", "--experimental-import-meta-resolve", "${LOADER}", "${base}", "${name}"], 0x7ffd /* 20 vars */) = 0`;
const fork = (pid: number, t: string, child: number) => `${pid} ${t} clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = ${child}`;

// xargs (10) starts timeout (11, 21) for two packages; each timeout forks the loader (12, 22).
const TRACE = [
  `10 1700000000.000100 execve("/usr/bin/xargs", ["xargs", "-r", "-n", "2"], 0x7ffd /* 20 vars */) = 0`,
  fork(10, '1700000000.000200', 11),
  fork(10, '1700000000.000250', 21),
  fork(11, '1700000000.000300', 12),
  fork(21, '1700000000.000350', 22),
  loader(12, '1700000000.000400', 'ms'),
  loader(22, '1700000000.000450', 'evil', `${APP}/node_modules/x`),
  `12 1700000000.000500 openat(AT_FDCWD, "${APP}/node_modules/ms/index.js", O_RDONLY|O_CLOEXEC) = 3`,
  fork(22, '1700000000.000600', 23),
  // evil's child runs the loader for ms itself, to pass what it does off as ms's.
  loader(23, '1700000000.000700', 'ms'),
  `23 1700000000.000800 openat(AT_FDCWD, "/home/runner/.npmrc", O_RDONLY) = -1 ENOENT (No such file or directory)`,
  `23 1700000000.000900 +++ exited with 0 +++`,
  `12 1700000000.001000 +++ exited with 0 +++`,
  `22 1700000000.002000 +++ killed by SIGKILL +++`,
  '',
].join('\n');

const ITEMS = [
  { base: APP, alias: 'ms' },
  { base: `${APP}/node_modules/x`, alias: 'evil' },
];

test('each loader process and everything it starts form one package\'s trace', (t) => {
  const split = splitImportTrace(parseStrace(TRACE), ITEMS);
  t.deepEqual(split.get(itemKey(ITEMS[0]!))?.records.map((record) => record.pid), [12, 12, 12]);
  t.deepEqual([...new Set(split.get(itemKey(ITEMS[1]!))?.records.map((record) => record.pid))], [22, 23]);
});

test('a package that runs the loader for another package keeps the blame', (t) => {
  const split = splitImportTrace(parseStrace(TRACE), ITEMS);
  const evil = recordsToEvents(split.get(itemKey(ITEMS[1]!))!.records, { phase: 'import', rootAttribution: { package: 'evil', via: 'import' }, projectDir: APP });
  const npmrc = evil.find((event) => event.kind === 'file' && event.path === '/home/runner/.npmrc');
  t.deepEqual(npmrc?.attribution, { package: 'evil', via: 'import' });
  const ms = split.get(itemKey(ITEMS[0]!))!;
  t.false(ms.records.some((record) => record.pid === 23));
});

test('the loader\'s exit status and a kill by the timeout are reported per package', (t) => {
  const split = splitImportTrace(parseStrace(TRACE), ITEMS);
  t.like(split.get(itemKey(ITEMS[0]!)), { exitCode: 0, killedBy: null });
  t.like(split.get(itemKey(ITEMS[1]!)), { exitCode: null, killedBy: 'SIGKILL' });
});

test('a package whose loader never ran has no trace', (t) => {
  const split = splitImportTrace(parseStrace(TRACE), [...ITEMS, { base: APP, alias: 'never' }]);
  t.false(split.has(itemKey({ base: APP, alias: 'never' })));
});

test('the chunk command passes base folders and names as separate arguments', (t) => {
  const command = importChunkCommand(ITEMS, 2, 60);
  t.deepEqual(command.slice(0, 2), ['sh', '-c']);
  t.deepEqual(command.slice(3), ['sh', '2', '60', APP, 'ms', `${APP}/node_modules/x`, 'evil']);
  t.true(command[2]?.includes(LOADER));
});

test('only plain package names are passed on a command line', (t) => {
  t.true(isSafeAlias('@scope/pkg.js'));
  t.true(isSafeAlias('string-width-cjs'));
  t.false(isSafeAlias('a\nb'));
  t.false(isSafeAlias('$(rm -rf)'));
  t.false(isSafeAlias('../x'));
  t.false(isSafeAlias('..'));
});
