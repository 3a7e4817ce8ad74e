import test from 'ava';
import { connectAddress, sentDatagrams, socketInfo } from '../../../src/trace/index.js';

test('the socket protocol comes from the -yy annotation', (t) => {
  t.like(socketInfo('22<TCP:[36306]>'), { fd: 22, protocol: 'tcp', peer: null });
  t.like(socketInfo('23<TCPv6:[36309]>'), { protocol: 'tcp' });
  t.like(socketInfo('7<UDP:[127.0.0.1:41155->127.0.0.1:53]>'), { protocol: 'udp', peer: { address: '127.0.0.1', port: 53 } });
  t.like(socketInfo('3<UNIX-STREAM:[36237]>'), { protocol: 'unknown' });
  t.like(socketInfo('3'), { fd: 3, protocol: 'unknown' });
});

test('connect gives the inet address, and nothing for a unix socket', (t) => {
  t.deepEqual(connectAddress(['22<TCP:[1]>', '{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("203.0.113.7")}', '16']), {
    family: 'inet',
    address: '203.0.113.7',
    port: 443,
  });
  t.is(connectAddress(['3<UNIX-STREAM:[1]>', '{sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}', '110']), null);
});

test('sendto gives its buffer and explicit destination', (t) => {
  const [datagram] = sentDatagrams(
    'sendto',
    ['5<UDP:[1]>', '"ping"', '4', '0', '{sa_family=AF_INET, sin_port=htons(9999), sin_addr=inet_addr("198.51.100.9")}', '16'],
    4,
  );
  t.is(datagram!.payload!.toString(), 'ping');
  t.deepEqual(datagram!.destination, { family: 'inet', address: '198.51.100.9', port: 9999 });
});

test('sendmsg joins its iovecs', (t) => {
  const msghdr =
    '{msg_name={sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.1")}, msg_namelen=16, msg_iov=[{iov_base="ab", iov_len=2}, {iov_base="\\x00c", iov_len=2}], msg_iovlen=2, msg_controllen=0, msg_flags=0}';
  const [datagram] = sentDatagrams('sendmsg', ['21<UDP:[0.0.0.0:1]>', msghdr, '0'], 4);
  t.deepEqual([...datagram!.payload!], [0x61, 0x62, 0x00, 0x63]);
  t.is(datagram!.destination?.port, 53);
});

test('sendmmsg counts only the messages it sent', (t) => {
  const message = (body: string): string =>
    `{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="${body}", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=1}`;
  const args = ['19<UDP:[1]>', `[${message('a')}, ${message('b')}]`, '2', 'MSG_NOSIGNAL'];
  t.deepEqual(sentDatagrams('sendmmsg', args, 1).map((d) => d.payload?.toString()), ['a']);
  t.deepEqual(sentDatagrams('sendmmsg', args, 2).map((d) => d.payload?.toString()), ['a', 'b']);
  t.deepEqual(sentDatagrams('sendmmsg', args, null).map((d) => d.payload?.toString()), ['a', 'b']);
});
