import test from 'ava';
import type { ConnectEvent, DnsEvent, FileEvent, ProcessEvent, TraceEvent } from '../../../src/events/types.js';
import { straceToEvents } from '../../../src/trace/index.js';
import { FX, PACKAGE_MANAGER, PROJECT, WORK, fixture, installEvents, line } from './helpers.js';

const processes = (events: TraceEvent[]): ProcessEvent[] => events.filter((e): e is ProcessEvent => e.kind === 'process');
const files = (events: TraceEvent[]): FileEvent[] => events.filter((e): e is FileEvent => e.kind === 'file');
const connects = (events: TraceEvent[]): ConnectEvent[] => events.filter((e): e is ConnectEvent => e.kind === 'connect');
const queries = (events: TraceEvent[]): DnsEvent[] => events.filter((e): e is DnsEvent => e.kind === 'dns');
const byArgv0 = (events: TraceEvent[], argv0: string): ProcessEvent[] => processes(events).filter((e) => e.argv[0] === argv0);

test('a failed execve of curl is still reported as an attempt', (t) => {
  const attempts = processes(installEvents('spawn-curl.txt', WORK)).filter((e) => e.argv.includes('http://x.example/stage2'));
  t.is(attempts.length, 1, 'the PATH search is folded into one attempt');
  t.like(attempts[0], { executable: '/opt/none/bin/curl', ok: false, error: 'ENOENT' });
});

test('a PATH search before a successful exec leaves only the exec', (t) => {
  const shells = byArgv0(installEvents('spawn-curl.txt', WORK), 'sh');
  t.is(shells.length, 1);
  t.like(shells[0], { executable: '/usr/bin/sh', ok: true, cwd: WORK });
});

test('a curl run by a shell is reported with the shell as parent', (t) => {
  const events = installEvents('spawn-curl.txt', WORK);
  const [shell] = byArgv0(events, 'sh');
  const [curl] = byArgv0(events, 'curl').filter((e) => e.ok);
  t.like(curl, { executable: '/usr/bin/curl', parentPid: shell!.pid });
  t.deepEqual(curl!.argv, ['curl', '-s', '-m', '2', 'http://x.example/']);
  t.is(shell!.parentPid, processes(events)[0]!.pid);
  t.is(processes(events)[0]!.parentPid, null);
});

test('a file written, renamed and made executable is reported with absolute paths', (t) => {
  const writes = files(installEvents('spawn-curl.txt', WORK)).filter((e) => e.path.startsWith(`${WORK}/payload`));
  t.deepEqual(
    writes.map(({ operation, path, target, access }) => ({ operation, path, target, access })),
    [
      { operation: 'open', path: `${WORK}/payload.tmp`, target: undefined, access: 'write' },
      { operation: 'rename', path: `${WORK}/payload.tmp`, target: `${WORK}/payload.bin`, access: 'write' },
      { operation: 'chmod', path: `${WORK}/payload.bin`, target: undefined, access: 'write' },
    ],
  );
});

test('failed opens are events with ok false and their errno', (t) => {
  const curlrc = files(installEvents('spawn-curl.txt', WORK)).find((e) => e.path === `${FX}/home/.curlrc`);
  t.like(curlrc, { ok: false, error: 'ENOENT', access: 'read' });
});

test("a lifecycle script's process is attributed to its package", (t) => {
  const events = installEvents('lifecycle.txt', PROJECT);
  const [script] = byArgv0(events, 'sh').filter((e) => e.argv[2]?.startsWith('cat ~/.npmrc'));
  t.deepEqual(script!.attribution, { package: 'evil-pkg', via: 'lifecycle-script' });
  t.is(script!.cwd, `${PROJECT}/node_modules/evil-pkg`);
  const npmrc = files(events).find((e) => e.path === `${FX}/home/.npmrc`);
  t.like(npmrc, { access: 'read', ok: true, attribution: { package: 'evil-pkg', via: 'lifecycle-script' } });
  const bashrc = files(events).find((e) => e.path === `${FX}/home/.bashrc`);
  t.like(bashrc, { access: 'write', attribution: { package: 'evil-pkg' } });
});

test('a child that appears before its parent clone returns inherits the parent attribution', (t) => {
  const events = installEvents('lifecycle.txt', PROJECT);
  const [script] = byArgv0(events, 'sh').filter((e) => e.argv[2]?.startsWith('cat ~/.npmrc'));
  const [cat] = byArgv0(events, 'cat');
  t.like(cat, { parentPid: script!.pid, attribution: { package: 'evil-pkg', via: 'lifecycle-script' } });
});

test("a scoped package's lifecycle script is attributed to its scoped name", (t) => {
  const events = installEvents('lifecycle.txt', PROJECT);
  const [mkdir] = byArgv0(events, 'mkdir');
  t.deepEqual(mkdir!.attribution, { package: '@s/thing', via: 'lifecycle-script' });
  const out = files(events).find((e) => e.path === `${PROJECT}/node_modules/@s/thing/build/out.txt`);
  t.like(out, { access: 'write', attribution: { package: '@s/thing' } });
});

test('a lifecycle script cannot launder its attribution by changing folder', (t) => {
  const events = installEvents('lifecycle.txt', PROJECT);
  const [touch] = byArgv0(events, 'touch');
  t.is(touch!.cwd, `${PROJECT}/node_modules/@s/thing`);
  t.deepEqual(touch!.attribution, { package: 'evil-pkg', via: 'lifecycle-script' });
  const laundered = files(events).find((e) => e.path.endsWith('/laundered'));
  t.is(laundered!.attribution.package, 'evil-pkg');
});

test("the package manager's own work stays attributed to the package manager", (t) => {
  const events = installEvents('lifecycle.txt', PROJECT);
  const lock = files(events).find((e) => e.path === `${PROJECT}/package-lock.json`);
  t.deepEqual(lock!.attribution, PACKAGE_MANAGER);
  t.deepEqual(processes(events)[0]!.attribution, PACKAGE_MANAGER);
});

test('the import phase attributes everything to the imported package', (t) => {
  const events = straceToEvents(fixture('lifecycle.txt'), {
    phase: 'import',
    rootAttribution: { package: 'left-pad', via: 'import' },
    projectDir: PROJECT,
  });
  t.true(events.length > 0);
  t.true(events.every((e) => e.phase === 'import' && e.attribution.package === 'left-pad' && e.attribution.via === 'import'));
});

test('a dns query name is decoded from sendmmsg', (t) => {
  const events = installEvents('network.txt', WORK);
  const lookups = queries(events).filter((e) => e.name === 'exfil.example');
  t.deepEqual(lookups.map((e) => [e.type, e.server]), [
    ['A', '127.0.0.1'],
    ['AAAA', '127.0.0.1'],
  ]);
  const resolver = connects(events).find((e) => e.pid === lookups[0]!.pid);
  t.like(resolver, { address: '127.0.0.1', port: 53, protocol: 'udp' });
});

test('both questions of one sendmmsg are decoded', (t) => {
  const message = (id: string, type: string): string =>
    `{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="${id}\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\x78\\x07\\x65\\x78\\x61\\x6d\\x70\\x6c\\x65\\x00\\x00${type}\\x00\\x01", iov_len=27}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=27}`;
  const text = [
    line(5, 'connect(7<UDP:[1]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.53")}, 16) = 0'),
    line(5, `sendmmsg(7<UDP:[10.0.0.2:1->10.0.0.53:53]>, [${message('\\x89\\x5e', '\\x01')}, ${message('\\x69\\x5b', '\\x1c')}], 2, MSG_NOSIGNAL) = 2`),
  ].join('\n');
  const events = straceToEvents(`${text}\n`, { phase: 'install', rootAttribution: PACKAGE_MANAGER, projectDir: WORK });
  t.deepEqual(queries(events).map((e) => [e.name, e.type, e.server]), [
    ['x.example', 'A', '10.0.0.53'],
    ['x.example', 'AAAA', '10.0.0.53'],
  ]);
});

test('a query sent by c-ares with sendto on a connected socket is decoded', (t) => {
  const txt = queries(installEvents('network.txt', WORK)).filter((e) => e.type === 'TXT');
  t.true(txt.length >= 1);
  t.true(txt.every((e) => e.name === 'c2vjcmv0.t.exfil.example' && e.server === '127.0.0.1'));
});

test('a connect to port 53 with no query seen gives a dns event without a name', (t) => {
  const text = line(5, 'connect(7<UDP:[1]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.1")}, 16) = 0');
  const events = straceToEvents(`${text}\n`, { phase: 'install', rootAttribution: PACKAGE_MANAGER, projectDir: WORK });
  t.deepEqual(events.map((e) => e.kind), ['connect', 'dns']);
  t.like(events[1], { name: null, type: null, server: '127.0.0.1' });
});

test('a tcp connection is reported with its address, port and protocol', (t) => {
  const events = installEvents('network.txt', WORK);
  t.like(connects(events).find((e) => e.port === 443), { family: 'inet', address: '203.0.113.7', protocol: 'tcp', ok: true });
  t.like(connects(events).find((e) => e.port === 8443), { family: 'inet6', address: '::1', protocol: 'tcp' });
});

test('a udp datagram sent to an address counts as a connection', (t) => {
  const udp = connects(installEvents('network.txt', WORK)).filter((e) => e.address === '198.51.100.9');
  t.is(udp.length, 1);
  t.like(udp[0], { port: 9999, protocol: 'udp', ok: true });
});

test('unix socket connects are not network events', (t) => {
  const events = installEvents('spawn-curl.txt', WORK);
  t.true(connects(events).every((e) => e.address === '127.0.0.1'));
});

test('a connect still blocked when the tracer was killed is an attempt that did not complete', (t) => {
  const events = installEvents('killed.txt', WORK);
  const blocked = connects(events);
  t.is(blocked.length, 1);
  t.like(blocked[0], { address: '203.0.113.8', port: 80, protocol: 'tcp', ok: false });
  t.is(blocked[0]!.error, undefined);
});

test('garbage and truncated input give events for the good lines and never throw', (t) => {
  const text = [
    'not strace at all',
    line(1, 'chdir("/tmp") = 0'),
    line(1, 'openat(AT_FDCWD</tmp>, "x", O_RDONLY) = 3</tmp/x>'),
    line(1, 'openat(AT_FDCWD</tmp>, "\\x'),
    line(1, 'connect(3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(4'),
  ].join('\n');
  const events = straceToEvents(text, { phase: 'install', rootAttribution: PACKAGE_MANAGER, projectDir: '/p' });
  t.deepEqual(files(events).map((e) => e.path), ['/tmp/x']);
  t.notThrows(() => straceToEvents('\u0000\n(((\n"\n<... x resumed>\n+++', { phase: 'install', rootAttribution: PACKAGE_MANAGER, projectDir: '/p' }));
});

test('every fixture replays with events in trace order', (t) => {
  for (const name of ['spawn-curl.txt', 'network.txt', 'lifecycle.txt', 'interleave.txt', 'killed.txt']) {
    const events = installEvents(name, WORK);
    t.true(events.length > 0, name);
    t.true(events.every((e) => e.phase === 'install'), name);
    t.true(events.every((e, i) => i === 0 || e.timestampMs >= events[i - 1]!.timestampMs), name);
  }
});

test('writes from several pool threads at once are each reported once', (t) => {
  const writes = files(installEvents('interleave.txt', WORK)).filter((e) => /\/f\d\.txt$/.test(e.path));
  t.deepEqual(writes.map((e) => e.path).sort(), [0, 1, 2, 3, 4, 5].map((i) => `${WORK}/f${i}.txt`));
  t.true(writes.every((e) => e.access === 'write' && e.ok));
  t.true(new Set(writes.map((e) => e.pid)).size > 1, 'the writes come from more than one thread');
});

test('fchdir and relative chdir into a package folder attribute the process too', (t) => {
  const text = [
    line(1, 'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 2'),
    line(1, 'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f) = 3'),
    line(2, 'fchdir(5</p/node_modules/a>) = 0'),
    line(2, 'execve("/bin/sh", ["sh", "-c", "x"], 0x1 /* 2 vars */) = 0'),
    line(3, 'chdir("node_modules/@s/b")   = 0'),
    line(3, 'execve("/bin/sh", ["sh", "-c", "y"], 0x1 /* 2 vars */) = 0'),
  ].join('\n');
  const events = straceToEvents(`${text}\n`, { phase: 'install', rootAttribution: PACKAGE_MANAGER, projectDir: '/p' });
  t.deepEqual(
    processes(events).map((e) => [e.pid, e.attribution.package, e.cwd]),
    [
      [2, 'a', '/p/node_modules/a'],
      [3, '@s/b', '/p/node_modules/@s/b'],
    ],
  );
});

test('a failed chdir into a package folder changes nothing', (t) => {
  const text = [
    line(1, 'clone(child_stack=NULL, flags=SIGCHLD, child_tidptr=0x7f) = 2'),
    line(2, 'chdir("/p/node_modules/a") = -1 ENOENT (No such file or directory)'),
    line(2, 'execve("/bin/sh", ["sh"], 0x1 /* 2 vars */) = 0'),
  ].join('\n');
  const [exec] = processes(straceToEvents(`${text}\n`, { phase: 'install', rootAttribution: PACKAGE_MANAGER, projectDir: '/p' }));
  t.like(exec, { attribution: PACKAGE_MANAGER, cwd: '/p' });
});

test('an execve by a thread is reported once, as a success of the process it takes over', (t) => {
  const text = [
    line(100, 'execve("/usr/bin/python3", ["python3"], 0x1 /* 2 vars */) = 0'),
    line(100, 'clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, exit_signal=0} => {parent_tid=[101]}, 88) = 101'),
    line(101, 'execve("/bin/true", ["true", "x"], 0x7ffe /* 42 vars */ <pid changed to 100 ...>'),
    line(100, '+++ superseded by execve in pid 101 +++'),
    line(100, '<... execve resumed>) = -1 (errno 18446744073709551359)'),
    line(100, '+++ exited with 0 +++'),
  ].join('\n');
  const execs = processes(straceToEvents(`${text}\n`, { phase: 'install', rootAttribution: PACKAGE_MANAGER, projectDir: '/p' }));
  t.deepEqual(execs.map((e) => [e.pid, e.executable, e.ok]), [
    [100, '/usr/bin/python3', true],
    [100, '/bin/true', true],
  ]);
});

test('a dns query on a socket strace could not annotate is decoded from the socket and connect calls', (t) => {
  const events = straceToEvents(fixture('sandbox-dns-unannotated.txt'), {
    phase: 'import',
    rootAttribution: { package: 'beacon-pkg', via: 'import' },
    projectDir: PROJECT,
  });
  const names = queries(events).map((query) => `${query.type} ${query.name}`);
  t.deepEqual([...new Set(names)], ['A beacon.dynaudit-test.example', 'AAAA beacon.dynaudit-test.example']);
  t.true(connects(events).every((connect) => connect.protocol === 'udp'));
  t.false(queries(events).some((query) => query.name === null), 'no placeholder is left once the query is seen');
});
