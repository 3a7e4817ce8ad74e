import test from 'ava';
import { fileCall } from '../../../src/trace/index.js';

const CWD = '/home/u/proj';

test('an open for writing or creating is a write, naming its path and the folder it starts from', (t) => {
  t.deepEqual(fileCall('openat', ['AT_FDCWD</home/u/proj>', '"build/out.txt"', 'O_WRONLY|O_CREAT|O_TRUNC', '0666'], CWD), {
    operation: 'open',
    access: 'write',
    file: { text: 'build/out.txt', base: '/home/u/proj', follow: true },
  });
  t.is(fileCall('open', ['"log"', 'O_RDWR|O_APPEND'], CWD)?.access, 'write');
  t.is(fileCall('creat', ['"x"', '0644'], CWD)?.access, 'write');
});

test('a read-only open is a read; O_NOFOLLOW and O_CREAT|O_EXCL do not follow a last symlink', (t) => {
  t.like(fileCall('openat', ['AT_FDCWD</w>', '"/home/u/.npmrc"', 'O_RDONLY'], CWD), { access: 'read', file: { text: '/home/u/.npmrc', follow: true } });
  t.like(fileCall('openat2', ['AT_FDCWD', '"a"', '{flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS}', '24'], CWD), { access: 'read', file: { base: CWD } });
  t.like(fileCall('openat', ['AT_FDCWD', '"a"', 'O_RDONLY|O_NOFOLLOW'], CWD), { file: { follow: false } });
  t.like(fileCall('openat', ['AT_FDCWD', '"a"', 'O_WRONLY|O_CREAT|O_EXCL', '0600'], CWD), { file: { follow: false } });
});

test('a relative path starts from its dirfd annotation, else the cwd for AT_FDCWD, else nowhere known', (t) => {
  t.like(fileCall('openat', ['5</etc/ssh>', '"../passwd"', 'O_RDONLY'], CWD), { file: { text: '../passwd', base: '/etc/ssh' } });
  t.like(fileCall('openat', ['AT_FDCWD', '"x"', 'O_RDONLY'], CWD), { file: { base: CWD } });
  t.like(fileCall('openat', ['7', '"x"', 'O_RDONLY'], CWD), { file: { base: null } });
});

test('renames and links name a second path; a symlink names what it points at as given', (t) => {
  t.deepEqual(fileCall('rename', ['"payload.tmp"', '"payload.bin"'], CWD), {
    operation: 'rename',
    access: 'write',
    file: { text: 'payload.tmp', base: CWD, follow: false },
    second: { text: 'payload.bin', base: CWD, follow: false },
  });
  t.like(fileCall('renameat2', ['AT_FDCWD', '"a"', '3</tmp>', '"b"', 'RENAME_NOREPLACE'], CWD), { second: { text: 'b', base: '/tmp' } });
  // link(existing, new): the new name is the file written, the existing one what it stands for.
  t.like(fileCall('linkat', ['AT_FDCWD', '"/home/u/.bashrc"', 'AT_FDCWD', '"a"', '0'], CWD), {
    operation: 'link',
    file: { text: 'a' },
    second: { text: '/home/u/.bashrc', follow: false },
  });
  t.like(fileCall('linkat', ['AT_FDCWD', '"l"', 'AT_FDCWD', '"a"', 'AT_SYMLINK_FOLLOW'], CWD), { second: { follow: true } });
  t.like(fileCall('symlinkat', ['"/usr/bin/curl"', 'AT_FDCWD', '"/tmp/c"'], CWD), { operation: 'symlink', file: { text: '/tmp/c', follow: false }, linkText: '/usr/bin/curl' });
});

test('calls on a descriptor name it, with strace\'s annotation', (t) => {
  t.like(fileCall('fchmod', ['21</home/u/.gitconfig>', '0666'], CWD), { operation: 'chmod', file: { fd: 21, annotation: '/home/u/.gitconfig' } });
  t.like(fileCall('fchmod', ['21', '0666'], CWD), { file: { fd: 21, annotation: null } });
  t.like(fileCall('fchown', ['4</tmp/x>', '1001', '1001'], CWD), { operation: 'chown', file: { fd: 4 } });
  t.like(fileCall('fchownat', ['9</tmp/y>', '""', '0', '0', 'AT_EMPTY_PATH'], CWD), { file: { fd: 9, annotation: '/tmp/y' } });
});

test('unlink, rmdir, chmod, chown, truncate, mkdir and mknod are writes', (t) => {
  t.like(fileCall('unlinkat', ['AT_FDCWD', '"x"', 'AT_REMOVEDIR'], CWD), { operation: 'unlink', access: 'write' });
  t.like(fileCall('rmdir', ['"d"'], CWD), { operation: 'unlink', access: 'write' });
  t.like(fileCall('chmod', ['"payload.bin"', '0755'], CWD), { operation: 'chmod', file: { follow: true } });
  t.like(fileCall('lchown', ['"l"', '0', '0'], CWD), { operation: 'chown', file: { follow: false } });
  t.like(fileCall('truncate', ['"/home/u/.bashrc"', '0'], CWD), { operation: 'truncate', access: 'write' });
  t.like(fileCall('mkdirat', ['AT_FDCWD', '"build"', '0777'], CWD), { operation: 'mkdir' });
  t.like(fileCall('mknodat', ['AT_FDCWD', '"/tmp/f"', 'S_IFREG|0644', '0'], CWD), { operation: 'mknod', access: 'write' });
});

test('stat, access and readlink are looks at metadata, following links as each call does', (t) => {
  t.like(fileCall('newfstatat', ['AT_FDCWD</w>', '"/.dockerenv"', '{st_mode=S_IFREG|0755, st_size=0, ...}', '0'], CWD), {
    operation: 'stat',
    access: 'metadata',
    file: { text: '/.dockerenv', follow: true },
  });
  t.like(fileCall('newfstatat', ['AT_FDCWD', '"l"', '0x7ff', 'AT_SYMLINK_NOFOLLOW'], CWD), { file: { follow: false } });
  t.like(fileCall('statx', ['AT_FDCWD', '"/proc/1/cgroup"', 'AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW', 'STATX_ALL', '{...}'], CWD), { file: { follow: false } });
  t.like(fileCall('lstat', ['"/run/.containerenv"', '0x7ff'], CWD), { operation: 'stat', file: { follow: false } });
  t.like(fileCall('faccessat2', ['AT_FDCWD', '"/.dockerenv"', 'F_OK', 'AT_EACCESS'], CWD), { operation: 'access', access: 'metadata' });
  t.like(fileCall('readlink', ['"/proc/1/exe"', '0x7ff', '4096'], CWD), { operation: 'readlink', file: { follow: false } });
  t.like(fileCall('statfs', ['"/"', '{f_type=OVERLAYFS_SUPER_MAGIC, ...}'], CWD), { operation: 'stat', access: 'metadata' });
  // fstat of a descriptor names nothing new.
  t.like(fileCall('newfstatat', ['3</etc/passwd>', '""', '{...}', 'AT_EMPTY_PATH'], CWD), { file: { fd: 3 } });
});

test('other syscalls are not file calls', (t) => {
  t.is(fileCall('connect', ['3', 'NULL', '0'], CWD), null);
  t.is(fileCall('toString', [], CWD), null);
});
