import test from 'ava';
import { fileScanCommand, parseFileScan } from '../../../src/sandbox/file-scan.js';

test('the scan greps every writable place for the fixed strings, binary files as text, links not followed', (t) => {
  const command = fileScanCommand(['abc', '-starts-with-dash']);
  t.deepEqual(command.slice(0, 4), ['timeout', '60', 'grep', '-rasHoFZ']);
  t.deepEqual(command.slice(4, 8), ['-e', 'abc', '-e', '-starts-with-dash']);
  t.deepEqual(command.slice(command.indexOf('--') + 1), ['/home/runner', '/tmp', '/var/tmp', '/dev/shm']);
});

test('hits are read back per file and needle; anything else in the output is ignored', (t) => {
  const output = '/tmp/x\0abc\n/tmp/x\0abc\n/home/runner/a b:c\0def\nnoise\nrelative\0abc\n/tmp/y\0unknown\n';
  t.deepEqual(parseFileScan(output, ['abc', 'def']), [
    { path: '/tmp/x', needle: 'abc' },
    { path: '/home/runner/a b:c', needle: 'def' },
  ]);
});
