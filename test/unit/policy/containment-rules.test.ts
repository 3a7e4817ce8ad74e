/** The default policy's escape, privilege and limit rules on hand-built events. */
import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { LimitEvent, LimitKind, SyscallEvent, TraceEvent } from '../../../src/events/types.js';
import { evaluatePolicy } from '../../../src/policy/evaluate-policy.js';
import { loadPolicies } from '../../../src/policy/load-policy.js';
import { CONTEXT, NPM, exec, file, script } from './helpers.js';

const policy = await loadPolicies([fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url))]);

function findings(events: readonly TraceEvent[]): [string, string, string][] {
  return evaluatePolicy(events, policy, CONTEXT).map((finding) => [finding.rule, finding.severity, finding.summary]);
}

const base = { phase: 'install', pid: 300, timestampMs: 1, attribution: script('evil'), ok: false } as const;
const syscall = (name: string, detail: string): SyscallEvent => ({ ...base, kind: 'syscall', syscall: name, detail, error: 'EPERM' });
const limit = (kind: LimitKind, detail: string): LimitEvent => ({ ...base, kind: 'limit', limit: kind, detail });

test('opening or connecting to the Docker socket is a critical sandbox-escape finding', (t) => {
  t.deepEqual(findings([file('/var/run/docker.sock', 'read', { operation: 'connect', ok: false, error: 'ENOENT' })]), [
    ['sandbox-escape', 'critical', 'reaches for the container engine or the host at /var/run/docker.sock'],
  ]);
});

test('the system\'s lscpu reading the firmware tables from /dev/mem is not sandbox-escape; anything else opening /dev/mem, or lscpu writing it, is', (t) => {
  const lscpu = exec(['lscpu', '-p'], { pid: 141, parentPid: 140 });
  const mem = (pid: number, access: 'read' | 'write') => file('/dev/mem', access, { pid, ok: false, error: 'ENOENT' });
  t.deepEqual(findings([lscpu, mem(141, 'read')]), []);
  t.deepEqual(findings([exec(['node', 'x.js'], { pid: 142, parentPid: 140 }), mem(142, 'read')]).map(([rule]) => rule), ['sandbox-escape']);
  t.deepEqual(findings([exec(['lscpu'], { pid: 143, parentPid: 140, executable: '/home/runner/work/app/node_modules/evil/lscpu' }), mem(143, 'read')]).map(([rule]) => rule), ['sandbox-escape'], 'a copy named lscpu');
  t.true(findings([lscpu, mem(141, 'write')]).some(([rule]) => rule === 'sandbox-escape'), 'writing it');
});

test('reading through /proc/1/root or the engine\'s data folder is a sandbox-escape finding', (t) => {
  for (const path of ['/proc/1/root', '/proc/1/root/etc/hostname', '/var/lib/docker', '/host/etc/passwd']) {
    t.deepEqual(findings([file(path, 'read', { ok: false, error: 'EACCES' })]).map(([rule]) => rule), ['sandbox-escape'], path);
  }
});

test('reading /etc/shadow is a credential-read finding', (t) => {
  t.deepEqual(findings([file('/etc/shadow', 'read', { ok: false, error: 'EACCES' })]).map(([rule]) => rule), ['credential-read']);
});

test('writing a sysctl is kernel-tamper (and a write outside the package); reading one is nothing', (t) => {
  t.deepEqual(findings([file('/proc/sys/kernel/hostname', 'write', { ok: false, error: 'EROFS' })]).map(([rule]) => rule).sort(), [
    'kernel-tamper',
    'write-outside-package',
  ]);
  t.deepEqual(findings([file('/proc/sys/vm/overcommit_memory', 'read')]), []);
});

test('setuid, mount and ptrace attempts are privilege-escalation findings showing the call', (t) => {
  t.deepEqual(findings([syscall('setuid', '0')]), [['privilege-escalation', 'high', 'tries to gain privileges or leave its namespaces (setuid(0))']]);
  t.deepEqual(findings([syscall('mount', '"none", "/mnt", "tmpfs", 0, NULL')]).map(([rule]) => rule), ['privilege-escalation']);
  t.deepEqual(findings([syscall('ptrace', 'PTRACE_TRACEME')]).map(([rule]) => rule), ['privilege-escalation']);
});

test('a raw socket is a raw-socket finding', (t) => {
  t.deepEqual(findings([syscall('socket', 'AF_INET, SOCK_RAW, IPPROTO_ICMP')]), [
    ['raw-socket', 'high', 'opens a raw or packet socket (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP))'],
  ]);
});

test('a server the package opens is a listening-socket finding naming its port, loopback or not', (t) => {
  const listen = (detail: string): SyscallEvent => ({ ...base, phase: 'import', attribution: { package: 'evil', via: 'import' }, ok: true, kind: 'syscall', syscall: 'listen', detail });
  t.deepEqual(findings([listen('tcp 0.0.0.0:4444')]), [['listening-socket', 'high', 'opens a server (listen(tcp 0.0.0.0:4444))']]);
  t.deepEqual(findings([listen('tcp 127.0.0.1:31337')]).map(([rule]) => rule), ['listening-socket']);
});

test('a server a bin of the package opens when the execute phase runs it is a medium bin-server finding', (t) => {
  const listen: SyscallEvent = { ...base, phase: 'execute', attribution: { package: 'next', via: 'import', call: 4, step: 'bin', argument: 'none' }, ok: true, kind: 'syscall', syscall: 'listen', detail: 'tcp [::]:3000', port: 3000 };
  t.deepEqual(findings([listen]), [['bin-server', 'medium', 'a bin run in the project opens a server (listen(tcp [::]:3000))']]);
});

test('loading a package whose main is its bin is that bin run: its server is bin-server, in an analysis and in a batch; a plain loading\'s is listening-socket', (t) => {
  const listen = (attribution: SyscallEvent['attribution']): SyscallEvent => ({ ...base, phase: 'import', attribution, ok: true, kind: 'syscall', syscall: 'listen', detail: 'tcp [::]:1234', port: 1234 });
  const rulesOf = (event: SyscallEvent) => findings([event]).map(([rule, severity]) => `${rule} ${severity}`);
  t.deepEqual(rulesOf(listen({ package: 'parcel', via: 'import', call: 0, step: 'bin', argument: 'require' })), ['bin-server medium']);
  t.deepEqual(rulesOf(listen({ package: 'parcel', via: 'import', step: 'bin' })), ['bin-server medium'], 'a batch loading marked as a bin run has no call');
  t.deepEqual(rulesOf(listen({ package: 'parcel', via: 'import', call: 0, step: 'load', argument: 'require' })), ['listening-socket high']);
  t.deepEqual(rulesOf(listen({ package: 'parcel', via: 'import' })), ['listening-socket high']);
});

test('a called function listening where its caller chose (a port the kernel picks, the number it was handed) is a medium call-server finding; on a port of its own choosing, or later, it is listening-socket', (t) => {
  const listen = (step: 'call' | 'construct' | 'wait', argument: string, port: number, detail: string): SyscallEvent => ({
    ...base,
    phase: 'execute',
    attribution: { package: 'koa', via: 'import', call: 7, step, argument },
    ok: true,
    kind: 'syscall',
    syscall: 'listen',
    detail,
    port,
  });
  t.deepEqual(findings([listen('call', 'none', 0, 'tcp [::]:38605 (port chosen by the kernel)')]), [
    ['call-server', 'medium', 'what it exposes opens a server when called, where its caller chose (listen(tcp [::]:38605 (port chosen by the kernel)))'],
  ]);
  t.deepEqual(findings([listen('construct', 'number', 42, 'tcp [::]:42')]).map(([rule, severity]) => `${rule} ${severity}`), ['call-server medium'], 'the number every call is handed');
  t.deepEqual(findings([listen('call', 'url', 42, 'tcp [::]:42')]).map(([rule, severity]) => `${rule} ${severity}`), ['listening-socket high'], 'port 42 when it was not handed 42');
  t.deepEqual(findings([listen('call', 'none', 4444, 'tcp 0.0.0.0:4444')]).map(([rule, severity]) => `${rule} ${severity}`), ['listening-socket high'], 'a port of its own choosing');
  t.deepEqual(findings([listen('wait', 'none', 0, 'tcp [::]:38605 (port chosen by the kernel)')]).map(([rule]) => rule), ['listening-socket'], 'what the calls left running');
  t.deepEqual(findings([{ ...listen('call', 'none', 0, 'tcp port chosen by the kernel'), phase: 'import' }]).map(([rule]) => rule), ['listening-socket'], 'a loading');
});

test('a server npm itself opens is not the package\'s', (t) => {
  t.deepEqual(findings([{ ...base, attribution: NPM, ok: true, kind: 'syscall', syscall: 'listen', detail: 'tcp 127.0.0.1:9229' }]), []);
});

test('running mount or unshare is a system-tool-spawn finding', (t) => {
  t.deepEqual(findings([exec(['mount', '-t', 'tmpfs', 'none', '/tmp'])]).map(([rule]) => rule), ['system-tool-spawn']);
  t.deepEqual(findings([exec(['unshare', '--user', 'id'])]).map(([rule]) => rule), ['system-tool-spawn']);
});

test('each limit kind has its rule, category and severity', (t) => {
  const cases: [LimitKind, string, string][] = [
    ['time', 'time-limit', 'medium'],
    ['detached', 'detached-process', 'high'],
    ['memory', 'memory-limit', 'medium'],
    ['processes', 'process-limit', 'high'],
    ['disk', 'disk-limit', 'medium'],
    ['output', 'output-flood', 'medium'],
    ['sandbox', 'sandbox-crash', 'high'],
  ];
  for (const [kind, rule, severity] of cases) {
    const [finding] = evaluatePolicy([limit(kind, 'what happened')], policy, CONTEXT);
    t.like(finding, { rule, severity, summary: `${finding?.summary.split(' (')[0]} (what happened)` }, kind);
    t.is(finding?.category, rule === 'detached-process' ? 'evasion' : 'resource-abuse');
  }
});

test('npm\'s own privileged calls and limits are never findings', (t) => {
  t.deepEqual(findings([{ ...syscall('setuid', '0'), attribution: NPM }, { ...limit('time', 'x'), attribution: NPM }]), []);
});
