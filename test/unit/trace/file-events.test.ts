/** Path truth: the file a call touched, whatever string named it (links, /proc/self, descriptors). */
import test from 'ava';
import type { FileEvent, TraceEvent } from '../../../src/events/types.js';
import { straceToEvents } from '../../../src/trace/index.js';
import { line } from './helpers.js';

const PKG = '/p/node_modules/evil';
const context = { phase: 'install' as const, rootAttribution: { package: 'evil', via: 'lifecycle-script' as const }, projectDir: '/p' };
const files = (...lines: string[]): FileEvent[] =>
  straceToEvents(`${lines.join('\n')}\n`, context).filter((event: TraceEvent): event is FileEvent => event.kind === 'file');
const cwd = line(10, `chdir("${PKG}") = 0`);

test('a successful open is the file strace names for the returned descriptor, the path as asked kept beside it', (t) => {
  const [open] = files(cwd, line(10, `openat(AT_FDCWD<${PKG}>, "cfg/.gitconfig", O_WRONLY|O_APPEND) = 3</home/u/.gitconfig>`));
  t.like(open, { path: '/home/u/.gitconfig', requested: `${PKG}/cfg/.gitconfig`, access: 'write' });
});

test('a write through a symlink the trace saw being made is the link\'s target, even when the call failed', (t) => {
  const [, write] = files(
    cwd,
    line(10, `symlinkat("/home/u", AT_FDCWD<${PKG}>, "home-link") = 0`),
    line(10, `openat(AT_FDCWD<${PKG}>, "home-link/.ssh/authorized_keys", O_WRONLY|O_CREAT, 0600) = -1 ENOENT (No such file or directory)`),
  );
  t.like(write, { path: '/home/u/.ssh/authorized_keys', requested: `${PKG}/home-link/.ssh/authorized_keys`, ok: false });
});

test('`..` after a link goes up from where the link led, as in the kernel', (t) => {
  const [, write] = files(
    cwd,
    line(10, `symlinkat("/tmp/a/b", AT_FDCWD<${PKG}>, "deep") = 0`),
    line(10, `unlinkat(AT_FDCWD<${PKG}>, "deep/../../x", 0) = -1 ENOENT (No such file or directory)`),
  );
  t.like(write, { path: '/tmp/x', requested: '/p/node_modules/x' });
});

test('a link made under a temporary name and renamed into place is still known', (t) => {
  const events = files(
    cwd,
    line(10, `symlinkat("/home/u", AT_FDCWD<${PKG}>, "tmp123") = 0`),
    line(10, `renameat(AT_FDCWD<${PKG}>, "tmp123", AT_FDCWD<${PKG}>, "h") = 0`),
    line(10, `chmod("h/.bashrc", 0777) = 0`),
  );
  t.like(events.at(-1), { operation: 'chmod', path: '/home/u/.bashrc' });
});

test('a hard link to a file outside is that file: writing it is writing the original', (t) => {
  const [link, write] = files(
    cwd,
    line(10, `linkat(AT_FDCWD<${PKG}>, "/home/u/.gitconfig", AT_FDCWD<${PKG}>, "settings.ini", 0) = 0`),
    line(10, `openat(AT_FDCWD<${PKG}>, "settings.ini", O_WRONLY|O_APPEND) = 3<${PKG}/settings.ini>`),
  );
  t.like(link, { operation: 'link', path: `${PKG}/settings.ini`, target: '/home/u/.gitconfig' });
  t.like(write, { path: '/home/u/.gitconfig', requested: `${PKG}/settings.ini` });
});

test('/proc/self/cwd, /proc/self/fd/N, /proc/PID/cwd and /dev/fd/N lead where they lead', (t) => {
  const events = files(
    cwd,
    line(10, `openat(AT_FDCWD<${PKG}>, "/home/u", O_RDONLY|O_DIRECTORY) = 17`),
    line(10, `unlink("/proc/self/fd/17/.profile") = -1 ENOENT (No such file or directory)`),
    line(10, `unlink("/dev/fd/17/.bashrc") = -1 ENOENT (No such file or directory)`),
    line(10, `unlink("/proc/self/cwd/x") = 0`),
    line(10, `unlink("/proc/10/cwd/y") = 0`),
    line(10, `mkdir("/proc/self/root/home/u/.config", 0777) = 0`),
  );
  t.deepEqual(
    events.slice(1).map((event) => event.path),
    ['/home/u/.profile', '/home/u/.bashrc', `${PKG}/x`, `${PKG}/y`, '/home/u/.config'],
  );
  t.is(events.at(-1)?.requested, '/proc/self/root/home/u/.config');
});

test('a descriptor-only call names the file strace annotates, else the file the trace saw it opened on', (t) => {
  const events = files(
    cwd,
    line(10, `fchmod(21</home/u/.gitconfig>, 0666) = 0`),
    line(10, `openat(AT_FDCWD<${PKG}>, "/home/u/.profile", O_RDONLY) = 5`),
    line(10, `fchmod(5, 0777) = 0`),
    line(10, `fchmod(6, 0777) = 0`),
  );
  t.deepEqual(events.map((event) => [event.operation, event.path]), [
    ['chmod', '/home/u/.gitconfig'],
    ['open', '/home/u/.profile'],
    ['chmod', '/home/u/.profile'],
  ]);
});

test('the kernel\'s own-process paths read as /proc/self and /proc/thread-self', (t) => {
  const [status, comm] = files(
    line(10, 'openat(AT_FDCWD</p>, "/proc/self/status", O_RDONLY) = 3</proc/10/status>'),
    line(10, 'openat(AT_FDCWD</p>, "/proc/thread-self/comm", O_RDONLY) = 3</proc/10/task/10/comm>'),
  );
  t.is(status?.path, '/proc/self/status');
  t.is(comm?.path, '/proc/thread-self/comm');
});

test('looks at files are kept outside the project and folded when repeated; npm\'s own and module resolution are not kept', (t) => {
  const npm = straceToEvents(`${line(1, 'newfstatat(AT_FDCWD</p>, "/.dockerenv", {st_mode=S_IFREG|0755}, 0) = 0')}\n`, {
    ...context,
    rootAttribution: { package: null, via: 'package-manager' },
  });
  t.deepEqual(npm, []);
  const events = files(
    line(10, 'newfstatat(AT_FDCWD</p>, "/.dockerenv", {st_mode=S_IFREG|0755}, 0) = 0'),
    line(10, 'newfstatat(AT_FDCWD</p>, "/.dockerenv", {st_mode=S_IFREG|0755}, 0) = 0'),
    line(10, 'access("/run/.containerenv", F_OK) = -1 ENOENT (No such file or directory)'),
    line(10, 'readlink("/proc/1/exe", 0x7ffd, 4096) = -1 EACCES (Permission denied)'),
    line(10, 'statx(AT_FDCWD</p>, "node_modules/evil/index.js", AT_STATX_SYNC_AS_STAT, STATX_ALL, {...}) = 0'),
  );
  t.deepEqual(events.map((event) => [event.operation, event.path, event.access]), [
    ['stat', '/.dockerenv', 'metadata'],
    ['access', '/run/.containerenv', 'metadata'],
    ['readlink', '/proc/1/exe', 'metadata'],
  ]);
});

test('a failing call repeated by one process folds into its first event', (t) => {
  const flood = Array.from({ length: 50 }, () => line(10, 'openat(AT_FDCWD</p>, "/nope", O_RDONLY) = -1 ENOENT (No such file or directory)'));
  t.is(files(...flood).length, 1);
});

test('renaming or removing a hard link acts on the name, not on the file it shares (esbuild links its binary into place)', (t) => {
  const bin = '/p/node_modules/@esbuild/linux-x64/bin/esbuild';
  const events = files(
    cwd,
    line(10, `linkat(AT_FDCWD<${PKG}>, "${bin}", AT_FDCWD<${PKG}>, "bin-esbuild", 0) = 0`),
    line(10, `renameat(AT_FDCWD<${PKG}>, "bin-esbuild", AT_FDCWD<${PKG}>, "bin/esbuild") = 0`),
    line(10, `unlink("${PKG}/bin-esbuild") = -1 ENOENT (No such file or directory)`),
    line(10, `chmod("${PKG}/bin/esbuild", 0755) = 0`),
  );
  t.deepEqual(events.map((event) => [event.operation, event.path, event.target ?? null]), [
    ['link', `${PKG}/bin-esbuild`, bin],
    ['rename', `${PKG}/bin-esbuild`, `${PKG}/bin/esbuild`],
    ['unlink', `${PKG}/bin-esbuild`, null],
    ['chmod', bin, null],
  ]);
});

test('mkdir -p of folders that exist only looks at them; a folder it makes is a write', (t) => {
  const made = files(
    cwd,
    line(10, 'mkdir("/home/u", 0777) = -1 EEXIST (File exists)'),
    line(10, 'mkdir("/home/u/.config", 0777) = 0'),
    line(10, 'mkdir("/home/u/.ssh", 0777) = -1 EACCES (Permission denied)'),
  );
  t.deepEqual(made.map((event) => `${event.path} ${event.access}`), ['/home/u metadata', '/home/u/.config write', '/home/u/.ssh write']);
});
