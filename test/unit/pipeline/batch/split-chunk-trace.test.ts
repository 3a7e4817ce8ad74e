import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { splitChunkTrace } from '../../../../src/pipeline/batch/split-chunk-trace.js';
import { parseStrace } from '../../../../src/trace/index.js';

// Captured with strace -f --seccomp-bpf around `load-chunk.mjs supervise 2` over
// leaf, mid (requires leaf, runs /bin/true), hang (loops), bad (throws), timer (setInterval opening /etc/passwd), leaf.
const TRACE = readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/strace/chunk-loader.txt'), 'utf8');
const paths = (records: readonly { syscall: string | null; args: readonly string[] }[]) =>
  records.filter((record) => record.syscall === 'openat' || record.syscall === 'execve').map((record) => record.args[record.syscall === 'openat' ? 1 : 0]);

test('each package gets what the loader did between its start marker and the next one', (t) => {
  const split = splitChunkTrace(parseStrace(TRACE), 6);
  t.deepEqual([...split.keys()], [0, 1, 2, 3, 4, 5]);
  t.true(paths(split.get(0)!.records).includes('"/etc/hostname"'));
  t.false(paths(split.get(1)!.records).includes('"/etc/hostname"'));
});

test('a dependency already imported does not run again in its dependant', (t) => {
  const mid = paths(splitChunkTrace(parseStrace(TRACE), 6).get(1)!.records);
  t.false(mid.some((file) => file?.includes('node_modules/leaf/index.js')));
  t.true(mid.includes('"/bin/true"'));
});

test('a process started during an import belongs to that package with everything it does', (t) => {
  const mid = splitChunkTrace(parseStrace(TRACE), 6).get(1)!;
  const child = mid.records.find((record) => record.syscall === 'execve')!.pid;
  t.true(mid.records.some((record) => record.pid === child && record.kind === 'exit'));
});

test('a package killed for hanging is told apart from one that failed to load and the next ones still load', (t) => {
  const split = splitChunkTrace(parseStrace(TRACE), 6);
  t.like(split.get(2), { loaded: null, killedBy: 'SIGKILL' });
  t.like(split.get(3), { loaded: false, killedBy: null });
  t.like(split.get(5), { loaded: true, exitCode: 0 });
});

test('what a package leaves running after its import stays its own', (t) => {
  const timer = paths(splitChunkTrace(parseStrace(TRACE), 6).get(4)!.records);
  t.true(timer.filter((file) => file === '"/etc/passwd"').length > 5);
});

test('the loader start-up and the markers themselves belong to no package', (t) => {
  const all = [...splitChunkTrace(parseStrace(TRACE), 6).values()].flatMap((entry) => paths(entry.records));
  t.false(all.some((file) => file?.includes('dynaudit-import-marker')));
  t.false(all.some((file) => file?.includes('openssl.cnf')));
});

const line = (pid: number, ms: number, text: string) => `${pid} 1796001591.${String(ms).padStart(6, '0')} ${text}`;
const exec = '"/usr/bin/node", ["/usr/bin/node", "--experimental-import-meta-resolve", "/usr/local/lib/runner/load-chunk.mjs", "load", "0", "/p", "a", "/p", "b"], 0x1 /* 3 vars */';
const mark = (kind: string, index: number, token: string, next: string) =>
  `openat(AT_FDCWD</p>, "/dev/null/dynaudit-import-marker/${kind}/${index}/${token.repeat(24)}/${next.repeat(24)}", O_RDONLY|O_CLOEXEC) = -1 ENOTDIR (Not a directory)`;

test('a marker without the token the previous one announced is not accepted and stays with the package that opened it', (t) => {
  const trace = [
    line(10, 1, `execve(${exec}) = 0`),
    line(10, 2, mark('start', 0, 'a', 'b')),
    line(10, 3, mark('start', 1, 'f', 'f')),
    line(10, 4, 'openat(AT_FDCWD</p>, "/home/runner/.npmrc", O_RDONLY|O_CLOEXEC) = 20</home/runner/.npmrc>'),
    line(10, 5, mark('ok', 0, 'b', 'c')),
    line(10, 6, mark('start', 1, 'c', 'd')),
    line(10, 7, '+++ exited with 0 +++'),
    '',
  ].join('\n');
  const split = splitChunkTrace(parseStrace(trace), 2);
  const a = paths(split.get(0)!.records);
  t.true(a.includes('"/home/runner/.npmrc"'));
  t.true(a.some((file) => file?.includes('/start/1/ffff')));
  t.is(split.get(0)!.loaded, true);
  t.deepEqual(paths(split.get(1)!.records), []);
  t.is(split.get(1)!.exitCode, 0);
});

test('a process a package starts cannot open markers for the loader', (t) => {
  const trace = [
    line(10, 1, `execve(${exec}) = 0`),
    line(10, 2, mark('start', 0, 'a', 'b')),
    line(10, 3, 'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 11'),
    line(11, 4, mark('start', 1, 'b', 'c')),
    line(11, 5, 'openat(AT_FDCWD</p>, "/home/runner/.ssh/id_rsa", O_RDONLY|O_CLOEXEC) = 20</home/runner/.ssh/id_rsa>'),
    '',
  ].join('\n');
  const split = splitChunkTrace(parseStrace(trace), 2);
  t.deepEqual([...split.keys()], [0]);
  t.true(paths(split.get(0)!.records).includes('"/home/runner/.ssh/id_rsa"'));
});

test('a package the loader marks as running its bin (its main is one) is told apart, and a forged bin marker marks nothing', (t) => {
  const trace = [
    line(10, 1, `execve(${exec}) = 0`),
    line(10, 2, mark('start', 0, 'a', 'b')),
    line(10, 3, mark('bin', 0, 'b', 'c')),
    line(10, 4, mark('ok', 0, 'c', 'd')),
    line(10, 5, mark('start', 1, 'd', 'e')),
    line(10, 6, mark('bin', 1, 'f', 'f')),
    line(10, 7, mark('ok', 1, 'e', '9')),
    line(10, 8, '+++ exited with 0 +++'),
    '',
  ].join('\n');
  const split = splitChunkTrace(parseStrace(trace), 2);
  t.like(split.get(0), { runsBin: true, loaded: true });
  t.like(split.get(1), { runsBin: false, loaded: true });
  t.true(paths(split.get(1)!.records).some((file) => file?.includes('/bin/1/ffff')), 'the forgery stays an open of the package');
  t.deepEqual(paths(split.get(0)!.records), [], 'the accepted markers are nobody\'s');
});
