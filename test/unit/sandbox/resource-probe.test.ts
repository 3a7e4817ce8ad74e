import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { parseReading, probeAndTraceCommand, probeCommand, readingDelta } from '../../../src/sandbox/resource-probe.js';

const V1 = ['oom_kill 2', 'pids_max 0', 'fs 4096 65536 65536 /home/runner', 'fs 4096 32768 100 /tmp', ''].join('\n');

test('a cgroup v1 reading gives the OOM kills, refused forks and filesystem use', (t) => {
  t.deepEqual(parseReading(V1), {
    oomKills: 2,
    pidsRefused: 0,
    filesystems: [
      { path: '/home/runner', sizeBytes: 268435456, freeBytes: 268435456 },
      { path: '/tmp', sizeBytes: 134217728, freeBytes: 409600 },
    ],
  });
});

test('counters the container cannot see are null, not zero', (t) => {
  t.deepEqual(parseReading('fs 4096 10 10 /tmp\n'), { oomKills: null, pidsRefused: null, filesystems: [{ path: '/tmp', sizeBytes: 40960, freeBytes: 40960 }] });
});

test('lines that are not counters are ignored', (t) => {
  t.deepEqual(parseReading('oom_kill_disable 0\nunder_oom 0\nmax abc\nfs x y z /\n'), { oomKills: null, pidsRefused: null, filesystems: [] });
});

test('a phase owns what grew during it and the filesystems that filled during it', (t) => {
  const before = parseReading('oom_kill 1\npids_max 5\nfs 4096 100 100 /home/runner\nfs 4096 100 0 /tmp\n');
  const after = parseReading('oom_kill 3\npids_max 5\nfs 4096 100 1 /home/runner\nfs 4096 100 0 /tmp\n');
  t.deepEqual(readingDelta(before, after), {
    oomKills: 2,
    pidsRefused: 0,
    fullFilesystems: [{ path: '/home/runner', sizeBytes: 409600, freeBytes: 4096 }],
  });
});

test('without a reading before, every count after the phase is the phase\'s', (t) => {
  t.like(readingDelta(null, parseReading('oom_kill 1\npids_max 7\n')), { oomKills: 1, pidsRefused: 7 });
});

test('the probe reads cgroup v1 and v2 counter files and the given paths', (t) => {
  const [shell, flag, script, name, ...paths] = probeCommand(['/home/runner', '/tmp']);
  t.deepEqual([shell, flag, name, paths], ['sh', '-c', 'probe', ['/home/runner', '/tmp']]);
  for (const file of ['memory/memory.oom_control', 'memory.events', 'pids/pids.events', '/sys/fs/cgroup/pids.events']) t.true(script?.includes(file), file);
});

test('after a traced phase one command gives the reading on stderr and the trace on stdout, one byte past the cap so a cut shows', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-probe-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const trace = path.join(dir, 'install.strace');
  await writeFile(trace, '10 1.0 execve("/usr/bin/npm") = 0\n');
  const [shell, ...args] = probeAndTraceCommand([dir], trace, 12);
  const { stdout, stderr } = await execa(shell!, args);
  t.is(stdout, '10 1.0 execve');
  t.deepEqual(parseReading(stderr).filesystems.map((fs) => fs.path), [dir]);
});
