import test from 'ava';
import type { SyscallEvent, TraceEvent } from '../../../src/events/types.js';
import { listeningOp, straceToEvents } from '../../../src/trace/index.js';
import { line } from './helpers.js';

const context = { phase: 'import' as const, rootAttribution: { package: 'evil', via: 'import' as const }, projectDir: '/p' };
const calls = (...lines: string[]): SyscallEvent[] =>
  straceToEvents(`${lines.join('\n')}\n`, context).filter((event: TraceEvent): event is SyscallEvent => event.kind === 'syscall');

const TCP6_SOCKET = line(10, 'socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 21<TCPv6:[4711]>');
const TCP6_BIND = line(
  10,
  'bind(21<TCPv6:[4711]>, {sa_family=AF_INET6, sin6_port=htons(4444), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, 28) = 0',
);

test('a TCP server is a listen event naming its address and port, and its bind alone is none', (t) => {
  const events = calls(TCP6_SOCKET, TCP6_BIND, line(10, 'listen(21<TCPv6:[4711]>, 511) = 0'));
  t.is(events.length, 1);
  t.like(events[0], { syscall: 'listen', detail: 'tcp [::]:4444', port: 4444, ok: true, attribution: { package: 'evil', via: 'import' } });
});

test('the -yy annotation names the listening address when no bind was seen', (t) => {
  const [event] = calls(line(10, 'listen(7<TCP:[127.0.0.1:31337]>, 5) = 0'));
  t.like(event, { syscall: 'listen', detail: 'tcp 127.0.0.1:31337' });
});

test('a connection taken on the server is an accept event naming the server\'s port', (t) => {
  const events = calls(TCP6_SOCKET, TCP6_BIND, line(10, 'listen(21<TCPv6:[4711]>, 511) = 0'), line(10, 'accept4(21<TCPv6:[4711]>, NULL, NULL, SOCK_CLOEXEC|SOCK_NONBLOCK) = 22<TCPv6:[4712]>'));
  t.deepEqual(events.map((event) => `${event.syscall} ${event.detail}`), ['listen tcp [::]:4444', 'accept4 tcp [::]:4444']);
});

test('a UDP socket bound to a port of its choosing is a server; a client\'s bind to port 0 is not', (t) => {
  const udp = line(10, 'socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 9');
  const server = calls(udp, line(10, 'bind(9, {sa_family=AF_INET, sin_port=htons(5353), sin_addr=inet_addr("0.0.0.0")}, 16) = 0'));
  t.like(server[0], { syscall: 'bind', detail: 'udp 0.0.0.0:5353' });
  t.deepEqual(calls(udp, line(10, 'bind(9, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr("0.0.0.0")}, 16) = 0')), []);
});

test('a server on a port the kernel picks is still a listen event, asking for port 0', (t) => {
  const [event] = calls(
    line(10, 'socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 8'),
    line(10, 'bind(8, {sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr("127.0.0.1")}, 16) = 0'),
    line(10, 'listen(8, 511) = 0'),
  );
  t.like(event, { syscall: 'listen', detail: 'tcp port chosen by the kernel', port: 0 });
});

test('the -yy annotation names the port the kernel gave a server that asked for port 0', (t) => {
  const [event] = calls(
    line(10, 'socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 21<TCPv6:[4711]>'),
    line(10, 'bind(21<TCPv6:[4711]>, {sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, 28) = 0'),
    line(10, 'listen(21<TCPv6:[[::]:38605]>, 511) = 0'),
  );
  t.like(event, { syscall: 'listen', detail: 'tcp [::]:38605 (port chosen by the kernel)', port: 0 });
});

test('a Unix socket server is not a network listener', (t) => {
  const events = calls(
    line(10, 'socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 8'),
    line(10, 'bind(8, {sa_family=AF_UNIX, sun_path="/tmp/app.sock"}, 110) = 0'),
    line(10, 'listen(8, 511) = 0'),
  );
  t.deepEqual(events, []);
});

test('a failed listen is still an attempt', (t) => {
  const [event] = calls(line(10, 'listen(7<TCP:[0.0.0.0:80]>, 5) = -1 EACCES (Permission denied)'));
  t.like(event, { syscall: 'listen', ok: false, error: 'EACCES' });
});

test('only bind, listen and accept make listening ops', (t) => {
  t.is(listeningOp('connect', { protocol: 'tcp', local: { address: '0.0.0.0', port: 1 } }), null);
  t.is(listeningOp('bind', { protocol: 'tcp', local: { address: '0.0.0.0', port: 4444 } }), null);
});
