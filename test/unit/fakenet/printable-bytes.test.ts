import test from 'ava';
import { printableBytes } from '../../../src/fakenet/printable-bytes.js';

test('printable ASCII is kept and line breaks, tabs and backslashes are escaped', (t) => {
  t.is(printableBytes(Buffer.from('GET / HTTP/1.1\r\n\tx\\y')), 'GET / HTTP/1.1\\r\\n\\tx\\\\y');
});

test('other bytes are written as hex escapes', (t) => {
  t.is(printableBytes(Buffer.from([0x00, 0xff, 0x41, 0x7f])), '\\x00\\xffA\\x7f');
});

test('bytes beyond the cap are cut and the cut is marked', (t) => {
  t.is(printableBytes(Buffer.from('abcdef'), 3), 'abc…');
  t.is(printableBytes(Buffer.from('abc'), 3), 'abc');
});
