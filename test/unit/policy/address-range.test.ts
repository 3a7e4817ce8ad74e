import test from 'ava';
import { addressInAny } from '../../../src/policy/address-range.js';

const LOOPBACK = ['127.0.0.0/8', '::1'];

test('an IPv4 address inside a CIDR range is in it', (t) => {
  t.true(addressInAny('127.0.0.1', LOOPBACK));
  t.true(addressInAny('127.255.255.254', LOOPBACK));
  t.true(addressInAny('10.1.2.3', ['10.0.0.0/8']));
  t.true(addressInAny('192.168.1.77', ['192.168.1.0/24']));
});

test('an IPv4 address outside a CIDR range is not in it', (t) => {
  t.false(addressInAny('128.0.0.1', LOOPBACK));
  t.false(addressInAny('203.0.113.5', LOOPBACK));
  t.false(addressInAny('192.168.2.1', ['192.168.1.0/24']));
  t.false(addressInAny('11.0.0.1', ['10.0.0.0/8']));
});

test('a /32 range holds one address and a /0 range holds every IPv4 address', (t) => {
  t.true(addressInAny('203.0.113.5', ['203.0.113.5/32']));
  t.false(addressInAny('203.0.113.6', ['203.0.113.5/32']));
  t.true(addressInAny('8.8.8.8', ['0.0.0.0/0']));
});

test('a range that is not on a byte boundary is honoured', (t) => {
  t.true(addressInAny('172.16.0.1', ['172.16.0.0/12']));
  t.true(addressInAny('172.31.255.255', ['172.16.0.0/12']));
  t.false(addressInAny('172.32.0.0', ['172.16.0.0/12']));
});

test('an exact IPv6 entry matches that address only', (t) => {
  t.true(addressInAny('::1', LOOPBACK));
  t.false(addressInAny('::2', LOOPBACK));
  t.false(addressInAny('2001:db8::1', LOOPBACK));
});

test('an exact IPv6 entry matches regardless of letter case', (t) => {
  t.true(addressInAny('2001:DB8::A', ['2001:db8::a']));
});

test('an IPv4-mapped IPv6 address is judged as its IPv4 address', (t) => {
  t.true(addressInAny('::ffff:127.0.0.1', LOOPBACK));
  t.false(addressInAny('::ffff:203.0.113.5', LOOPBACK));
});

test('an IPv6 address is never inside an IPv4 CIDR range', (t) => {
  t.false(addressInAny('2001:db8::1', ['0.0.0.0/0']));
});

test('an address is in no range of an empty list', (t) => {
  t.false(addressInAny('127.0.0.1', []));
});
