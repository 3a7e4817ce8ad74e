/** Exemptions key on the program actually run: a system program by its path, never a name the package chose. */
import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { TraceEvent } from '../../../src/events/types.js';
import { evaluatePolicy } from '../../../src/policy/evaluate-policy.js';
import { loadPolicies } from '../../../src/policy/load-policy.js';
import { executableName, programOf } from '../../../src/policy/process-tree.js';
import { CONTEXT, PROJECT, exec, file, script } from './helpers.js';

const policy = await loadPolicies([fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url))]);
const rules = (events: readonly TraceEvent[]): string[] => evaluatePolicy(events, policy, CONTEXT).map((finding) => finding.rule);
const PKG = `${PROJECT}/node_modules/evil`;
const NODE_GYP = '/usr/local/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js';

test('a program is a system program only when its exact path lies in the read-only system folders', (t) => {
  t.like(programOf(exec(['make'], { executable: '/usr/bin/make' })), { name: 'make', system: true });
  t.like(programOf(exec(['make'], { executable: `${PKG}/bin/make` })), { name: 'make', system: false });
  t.like(programOf(exec(['make'], { executable: '/usr/bin/make', exact: false })), { system: false });
  t.like(programOf(exec(['node', NODE_GYP, 'rebuild'], { executable: '/usr/local/bin/node' })), { name: 'node-gyp', path: NODE_GYP, system: true });
  t.like(programOf(exec(['node', 'node-gyp.js'], { executable: '/usr/local/bin/node', cwd: PKG })), { name: 'node-gyp', path: `${PKG}/node-gyp.js`, system: false });
  t.like(programOf(exec(['node', '-r', './x.js', NODE_GYP], { executable: '/usr/local/bin/node' })), { name: 'node', system: true });
  t.deepEqual(programOf(exec(['make', '-c', 'x'], { executable: '/usr/bin/python3.11' })).names, ['python3.11', 'make']);
});

test('a program started by another name is shown by that name and by its real file', (t) => {
  t.is(executableName(exec(['node-gyp-build'], { executable: `${PROJECT}/node_modules/node-gyp-build/bin.js` })), 'node-gyp-build (bin.js)');
  t.is(executableName(exec(['make', '-c', 'x'], { executable: '/usr/bin/python3.11' })), 'make (python3.11)');
  t.is(executableName(exec(['make'], { executable: '/usr/bin/make' })), 'make');
  t.is(executableName(exec(['node', NODE_GYP, 'rebuild'], { executable: '/usr/local/bin/node' })), 'node-gyp');
});

test('node-gyp\'s known temporaries are excused for npm\'s node-gyp, not for a script named node-gyp.js', (t) => {
  const real = exec(['node', NODE_GYP, 'rebuild'], { executable: '/usr/local/bin/node', pid: 300 });
  const fake = exec(['node', 'node-gyp.js', 'rebuild'], { executable: '/usr/local/bin/node', pid: 301, cwd: PKG });
  t.deepEqual(rules([real, file('/tmp/ccAbc123.s', 'write', { pid: 300 })]), []);
  t.deepEqual(rules([fake, file('/tmp/ccStage2.s', 'write', { pid: 301 })]), ['write-outside-package']);
});

test('set*id calls are excused under GNU make, not under a copy named make', (t) => {
  const real = exec(['make', '-C', 'build'], { executable: '/usr/bin/make', pid: 300 });
  const copy = exec(['make', '-c', 'x'], { executable: `${PKG}/bin/make`, pid: 301 });
  const setresuid = (pid: number): TraceEvent => ({ kind: 'syscall', syscall: 'setresuid', detail: '0, 0, 0', phase: 'install', pid, timestampMs: 0, attribution: script('evil'), ok: false, error: 'EPERM' });
  t.deepEqual(rules([real, setresuid(300)]), []);
  t.deepEqual(rules([copy, setresuid(301)]), ['privilege-escalation']);
});

test('argv[0] names nothing an exemption trusts: python run as "ps" reading environ is reading credentials', (t) => {
  const spoofed = exec(['ps', '-c', 'open("/proc/self/environ")'], { executable: '/usr/bin/python3.11', pid: 300 });
  t.true(rules([spoofed, file('/proc/self/environ', 'read', { pid: 300 })]).includes('credential-read'));
  const ps = exec(['ps', 'e'], { executable: '/usr/bin/ps', pid: 301 });
  t.false(rules([ps, file('/proc/1/environ', 'read', { pid: 301 })]).includes('credential-read'));
});

test('npm\'s node-gyp shim is excused only when the system\'s sh runs it', (t) => {
  const shim = '/usr/local/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin/node-gyp';
  t.deepEqual(rules([exec(['sh', shim, 'rebuild'], { executable: '/usr/bin/sh' })]), []);
  t.deepEqual(rules([exec(['sh', shim, 'rebuild'], { executable: `${PKG}/sh` })]), ['shell-spawn']);
});

test('an exemption holds on the path the kernel wrote, never on the path as named', (t) => {
  const viaLink = file(`${PROJECT}/../../.bashrc`, 'write', { requested: `${PKG}/x` });
  t.true(rules([viaLink]).includes('write-outside-package'));
  // A file really inside the package is inside, whatever the string said; the string still blames (intent).
  const named = file(`${PKG}/out`, 'write', { requested: '/home/runner/.bashrc' });
  t.deepEqual(rules([named]), ['persistence-write']);
});
