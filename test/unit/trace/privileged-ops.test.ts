import test from 'ava';
import type { TraceEvent } from '../../../src/events/types.js';
import { privilegedOp, straceToEvents, unixSocketPath } from '../../../src/trace/index.js';
import { line } from './helpers.js';

const context = { phase: 'install' as const, rootAttribution: { package: 'evil', via: 'lifecycle-script' as const }, projectDir: '/p' };
const events = (...lines: string[]): TraceEvent[] => straceToEvents(`${lines.join('\n')}\n`, context);

test('set*id, mount, namespace and ptrace calls are privileged whatever their arguments', (t) => {
  for (const syscall of ['setuid', 'setresgid', 'mount', 'umount2', 'unshare', 'setns', 'chroot', 'ptrace', 'bpf', 'finit_module']) {
    t.deepEqual(privilegedOp(syscall, ['0']), { syscall, detail: '0' }, syscall);
  }
  t.is(privilegedOp('openat', ['AT_FDCWD', '"/x"']), null);
});

test('raw and packet sockets are privileged, ordinary sockets are not', (t) => {
  t.truthy(privilegedOp('socket', ['AF_INET', 'SOCK_RAW|SOCK_CLOEXEC', 'IPPROTO_ICMP']));
  t.truthy(privilegedOp('socket', ['AF_PACKET', 'SOCK_DGRAM', 'htons(ETH_P_ALL)']));
  t.is(privilegedOp('socket', ['AF_INET', 'SOCK_STREAM|SOCK_CLOEXEC', 'IPPROTO_TCP']), null);
  t.is(privilegedOp('socket', ['AF_UNIX', 'SOCK_STREAM', '0']), null);
});

test('a Unix socket connect names its path; abstract sockets and other families do not', (t) => {
  t.is(unixSocketPath(['3', '{sa_family=AF_UNIX, sun_path="/var/run/docker.sock"}', '110']), '/var/run/docker.sock');
  t.is(unixSocketPath(['3', '{sa_family=AF_UNIX, sun_path=@"/tmp/.X11"}', '110']), null);
  t.is(unixSocketPath(['3', '{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("1.2.3.4")}', '16']), null);
});

test('a failed setuid(0) is a syscall event with its errno', (t) => {
  const [event] = events(line(10, 'setuid(0)       = -1 EPERM (Operation not permitted)'));
  t.like(event, { kind: 'syscall', syscall: 'setuid', detail: '0', ok: false, error: 'EPERM', attribution: { package: 'evil' } });
});

test('a raw socket attempt is a syscall event naming the family and type', (t) => {
  const [event] = events(line(10, 'socket(AF_PACKET, SOCK_RAW|SOCK_CLOEXEC, htons(0 /* ETH_P_??? */)) = -1 EPERM (Operation not permitted)'));
  t.like(event, { kind: 'syscall', syscall: 'socket', ok: false });
  t.regex(event?.kind === 'syscall' ? event.detail : '', /AF_PACKET, SOCK_RAW/);
});

test('connecting to the Docker socket is a file event on its path', (t) => {
  const [event] = events(
    line(10, 'connect(21<UNIX-STREAM:[6129]>, {sa_family=AF_UNIX, sun_path="/var/run/docker.sock"}, 23) = -1 ENOENT (No such file or directory)'),
  );
  t.like(event, { kind: 'file', operation: 'connect', path: '/var/run/docker.sock', access: 'read', ok: false, error: 'ENOENT' });
});

test('a netlink socket (how glibc lists the machine\'s own addresses) is not a raw socket', (t) => {
  t.is(privilegedOp('socket', ['AF_NETLINK', 'SOCK_RAW|SOCK_CLOEXEC', 'NETLINK_ROUTE']), null);
  t.deepEqual(events(line(10, 'socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 20<NETLINK:[36123]>')), []);
});

test('a clone that asks not to be traced, and seccomp, are syscall events; ordinary clones are not', (t) => {
  t.truthy(privilegedOp('clone', ['child_stack=NULL', 'flags=CLONE_UNTRACED|SIGCHLD']));
  t.truthy(privilegedOp('clone3', ['{flags=CLONE_VM|CLONE_UNTRACED, exit_signal=SIGCHLD}', '88']));
  t.is(privilegedOp('clone', ['child_stack=NULL', 'flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD']), null);
  t.truthy(privilegedOp('seccomp', ['SECCOMP_SET_MODE_FILTER', 'SECCOMP_FILTER_FLAG_NEW_LISTENER', '{len=4, filter=0x55}']));
  const [event] = events(line(10, 'clone(child_stack=NULL, flags=CLONE_UNTRACED|SIGCHLD) = 11'));
  t.like(event, { kind: 'syscall', syscall: 'clone', ok: true });
});
