import test from 'ava';
import { fileOp } from '../../../src/trace/index.js';

const CWD = '/home/u/proj';

test('an open for writing or creating is a write', (t) => {
  t.deepEqual(fileOp('openat', ['AT_FDCWD</home/u/proj>', '"build/out.txt"', 'O_WRONLY|O_CREAT|O_TRUNC', '0666'], CWD), {
    operation: 'open',
    path: '/home/u/proj/build/out.txt',
    access: 'write',
  });
  t.is(fileOp('open', ['"log"', 'O_RDWR|O_APPEND'], CWD)?.access, 'write');
  t.is(fileOp('creat', ['"x"', '0644'], CWD)?.access, 'write');
});

test('a read-only open is a read', (t) => {
  t.like(fileOp('openat', ['AT_FDCWD</w>', '"/home/u/.npmrc"', 'O_RDONLY'], CWD), { path: '/home/u/.npmrc', access: 'read' });
  t.like(fileOp('openat2', ['AT_FDCWD', '"a"', '{flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS}', '24'], CWD), {
    path: '/home/u/proj/a',
    access: 'read',
  });
});

test('a relative path is resolved against its dirfd annotation before the cwd', (t) => {
  t.is(fileOp('openat', ['5</etc/ssh>', '"../passwd"', 'O_RDONLY'], CWD)?.path, '/etc/passwd');
  t.is(fileOp('openat', ['AT_FDCWD</real/cwd>', '"x"', 'O_RDONLY'], CWD)?.path, '/real/cwd/x');
  t.is(fileOp('openat', ['AT_FDCWD', '"x"', 'O_RDONLY'], CWD)?.path, '/home/u/proj/x');
  t.is(fileOp('openat', ['7', '"x"', 'O_RDONLY'], CWD)?.path, 'x');
  t.is(fileOp('open', ['"x"', 'O_RDONLY'], null)?.path, 'x');
});

test('renames and links give the second path as target', (t) => {
  t.deepEqual(fileOp('rename', ['"payload.tmp"', '"payload.bin"'], CWD), {
    operation: 'rename',
    path: '/home/u/proj/payload.tmp',
    target: '/home/u/proj/payload.bin',
    access: 'write',
  });
  t.like(fileOp('renameat2', ['AT_FDCWD', '"a"', '3</tmp>', '"b"', 'RENAME_NOREPLACE'], CWD), {
    path: '/home/u/proj/a',
    target: '/tmp/b',
  });
  t.like(fileOp('linkat', ['AT_FDCWD', '"a"', 'AT_FDCWD', '"/home/u/.bashrc"', '0'], CWD), {
    operation: 'link',
    target: '/home/u/.bashrc',
  });
});

test('a symlink writes the link, pointing at its target', (t) => {
  t.deepEqual(fileOp('symlink', ['"../lib/x.js"', '"bin/x"'], CWD), {
    operation: 'symlink',
    path: '/home/u/proj/bin/x',
    target: '/home/u/proj/lib/x.js',
    access: 'write',
  });
  t.like(fileOp('symlinkat', ['"/usr/bin/curl"', 'AT_FDCWD', '"/tmp/c"'], CWD), { path: '/tmp/c', target: '/usr/bin/curl' });
});

test('unlink, chmod and mkdir are writes', (t) => {
  t.like(fileOp('unlinkat', ['AT_FDCWD', '"x"', 'AT_REMOVEDIR'], CWD), { operation: 'unlink', access: 'write' });
  t.like(fileOp('chmod', ['"payload.bin"', '0755'], CWD), { operation: 'chmod', path: '/home/u/proj/payload.bin' });
  t.like(fileOp('fchmod', ['3</tmp/stage2>', '0755'], CWD), { operation: 'chmod', path: '/tmp/stage2' });
  t.like(fileOp('fchmodat', ['AT_FDCWD', '"/tmp/s"', '0755'], CWD), { operation: 'chmod', path: '/tmp/s' });
  t.like(fileOp('mkdirat', ['AT_FDCWD', '"build"', '0777'], CWD), { operation: 'mkdir', path: '/home/u/proj/build' });
});

test('other syscalls are not file operations', (t) => {
  t.is(fileOp('connect', ['3', 'NULL', '0'], CWD), null);
  t.is(fileOp('toString', [], CWD), null);
});
