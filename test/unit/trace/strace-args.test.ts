import test from 'ava';
import {
  flagNames,
  parseArray,
  parseFdArg,
  parseSockaddr,
  parseStruct,
  scanArgs,
  splitTopLevel,
} from '../../../src/trace/index.js';

test('arguments split at top-level commas only', (t) => {
  t.deepEqual(splitTopLevel('AT_FDCWD</tmp/a, b>, "x, y", O_RDONLY|O_CLOEXEC, [1, 2], {a=1, b=2}'), [
    'AT_FDCWD</tmp/a, b>',
    '"x, y"',
    'O_RDONLY|O_CLOEXEC',
    '[1, 2]',
    '{a=1, b=2}',
  ]);
});

test('a socket annotation with an arrow does not end the argument early', (t) => {
  const scan = scanArgs('7<UDP:[127.0.0.1:41155->127.0.0.1:53]>, "\\x01", 1, MSG_NOSIGNAL, NULL, 0) = 1');
  t.is(scan.parts.length, 6);
  t.is(scan.parts[0], '7<UDP:[127.0.0.1:41155->127.0.0.1:53]>');
  t.true(scan.end > 0);
});

test('a device annotation nested in a path annotation stays one argument', (t) => {
  t.deepEqual(splitTopLevel('18</dev/null<char 1:3>>, 0'), ['18</dev/null<char 1:3>>', '0']);
});

test('comments and quoted parentheses do not unbalance the scan', (t) => {
  const scan = scanArgs('"(", ["sh", ")"], 0x7ffd /* 39 vars, really */) = 0');
  t.deepEqual(scan.parts, ['"("', '["sh", ")"]', '0x7ffd /* 39 vars, really */']);
});

test('text that runs out inside a string is reported as unbalanced', (t) => {
  t.false(scanArgs('AT_FDCWD</x>, "/etc/pass').balanced);
  t.false(scanArgs('3, {sa_family=AF_INET').balanced);
  t.true(scanArgs('3, {sa_family=AF_INET}, 16').balanced);
});

test('arrays and structs give their members', (t) => {
  t.deepEqual(parseArray('["a", "b", ...]'), ['"a"', '"b"', '...']);
  t.is(parseArray('0x1234'), null);
  const struct = parseStruct('{msg_name=NULL, msg_iov=[{iov_base="ab", iov_len=2}], inet_pton(AF_INET6, "::1", &x)}');
  t.is(struct!.fields.get('msg_name'), 'NULL');
  t.is(struct!.fields.get('msg_iov'), '[{iov_base="ab", iov_len=2}]');
  t.deepEqual(struct!.bare, ['inet_pton(AF_INET6, "::1", &x)']);
});

test('flag sets are read from a flags member or a bare token', (t) => {
  t.deepEqual(flagNames('O_WRONLY|O_CREAT|O_TRUNC'), ['O_WRONLY', 'O_CREAT', 'O_TRUNC']);
  t.deepEqual(flagNames('{flags=CLONE_VM|CLONE_THREAD, exit_signal=0} => {parent_tid=[5]}'), ['CLONE_VM', 'CLONE_THREAD']);
});

test('an AF_INET address gives its address and port', (t) => {
  t.deepEqual(parseSockaddr('{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.5")}'), {
    family: 'inet',
    address: '203.0.113.5',
    port: 443,
  });
});

test('an AF_INET6 address is read from inet_pton', (t) => {
  const token =
    '{sa_family=AF_INET6, sin6_port=htons(8443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}';
  t.deepEqual(parseSockaddr(token), { family: 'inet6', address: '::1', port: 8443 });
});

test('unix and netlink addresses are recognised as other families', (t) => {
  t.deepEqual(parseSockaddr('{sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}'), { family: 'other', name: 'AF_UNIX' });
  t.is(parseSockaddr('NULL'), null);
});

test('fd annotations tell paths, sockets and their peers apart', (t) => {
  t.deepEqual(parseFdArg('3</tmp/dx/a\\76b\\"c.txt>'), { fd: 3, annotation: { kind: 'path', path: '/tmp/dx/a>b"c.txt' } });
  t.deepEqual(parseFdArg('AT_FDCWD</home/u>'), { fd: 'AT_FDCWD', annotation: { kind: 'path', path: '/home/u' } });
  t.deepEqual(parseFdArg('18</dev/null<char 1:3>>')?.annotation, { kind: 'path', path: '/dev/null' });
  t.deepEqual(parseFdArg('22<TCP:[36306]>')?.annotation, { kind: 'socket', protocol: 'TCP', local: null, peer: null });
  t.deepEqual(parseFdArg('7<UDP:[127.0.0.1:41155->127.0.0.1:53]>')?.annotation, {
    kind: 'socket',
    protocol: 'UDP',
    local: { address: '127.0.0.1', port: 41155 },
    peer: { address: '127.0.0.1', port: 53 },
  });
  t.deepEqual(parseFdArg('5<TCPv6:[[::1]:40000->[::1]:8443]>')?.annotation, {
    kind: 'socket',
    protocol: 'TCPv6',
    local: { address: '::1', port: 40000 },
    peer: { address: '::1', port: 8443 },
  });
  t.deepEqual(parseFdArg('4</tmp/gone (deleted)>')?.annotation, { kind: 'path', path: '/tmp/gone' });
  t.deepEqual(parseFdArg('9')?.annotation, null);
  t.is(parseFdArg('"/etc/passwd"'), null);
});
