import test from 'ava';
import type { FileEvent, TraceEvent } from '../../../src/events/types.js';
import { straceToEvents, withoutClockWork } from '../../../src/trace/index.js';
import { line } from './helpers.js';

const context = { phase: 'import' as const, rootAttribution: { package: 'pkg', via: 'import' as const }, projectDir: '/home/runner/work' };
const files = (events: TraceEvent[]): string[] =>
  events.filter((event): event is FileEvent => event.kind === 'file').map((event) => `${event.pid} ${event.operation} ${event.path}${event.target ? ` -> ${event.target}` : ''}`);
const trace = (...lines: string[]) => straceToEvents(`${lines.join('\n')}\n`, context);

// As strace recorded node and a child shell under libfaketime in the sandbox.
const CLOCK_LINES = [
  line(9, 'openat(AT_FDCWD</home/runner/work>, "/dev/shm/sem.ahxwcf", O_RDWR|O_CREAT|O_EXCL, 0600) = 3</dev/shm/sem.ahxwcf>'),
  line(9, 'link("/dev/shm/sem.ahxwcf", "/dev/shm/sem.faketime_sem_9") = 0'),
  line(9, 'unlink("/dev/shm/sem.ahxwcf") = 0'),
  line(9, 'openat(AT_FDCWD</home/runner/work>, "/dev/shm/faketime_shm_9", O_RDWR|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC, 0600) = 3</dev/shm/faketime_shm_9>'),
  line(9, 'openat(AT_FDCWD</home/runner/work>, "/dev/shm/sem.faketime_sem_9", O_RDWR|O_NOFOLLOW) = 4</dev/shm/sem.faketime_sem_9>'),
  line(9, 'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f034b8994d0) = 16'),
  line(16, 'execve("/bin/sh", ["/bin/sh", "-c", "true"], 0x3af5f180 /* 9 vars */) = 0'),
  line(16, 'openat(AT_FDCWD</home/runner/work>, "/dev/shm/sem.faketime_sem_9", O_RDWR|O_NOFOLLOW) = 3</dev/shm/sem.faketime_sem_9>'),
  line(16, 'openat(AT_FDCWD</home/runner/work>, "/dev/shm/faketime_shm_9", O_RDWR|O_CREAT|O_NOFOLLOW|O_CLOEXEC, 0600) = 3</dev/shm/faketime_shm_9>'),
  line(9, 'unlink("/dev/shm/sem.faketime_sem_9") = 0'),
  line(9, 'unlink("/dev/shm/faketime_shm_9") = 0'),
];

test('the clock\'s semaphore and shared memory in /dev/shm are not the package\'s doing', (t) => {
  const events = trace(...CLOCK_LINES);
  t.true(files(events).length >= 8, 'the trace shows the clock\'s work');
  t.deepEqual(files(withoutClockWork(events)), []);
});

test('a file of the package\'s own in /dev/shm is kept, beside the clock\'s', (t) => {
  const events = trace(...CLOCK_LINES, line(9, 'openat(AT_FDCWD</home/runner/work>, "/dev/shm/stage2", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 5</dev/shm/stage2>'));
  t.deepEqual(files(withoutClockWork(events)), ['9 open /dev/shm/stage2']);
});

test('a link under a clock name to another file is kept, and so is a write through it', (t) => {
  const events = trace(
    line(9, 'link("/home/runner/.bashrc", "/dev/shm/faketime_shm_77") = 0'),
    line(9, 'openat(AT_FDCWD</home/runner/work>, "/dev/shm/faketime_shm_77", O_WRONLY|O_APPEND) = 5</home/runner/.bashrc>'),
  );
  t.deepEqual(files(withoutClockWork(events)), ['9 link /dev/shm/faketime_shm_77 -> /home/runner/.bashrc', '9 open /home/runner/.bashrc']);
});
