import test from 'ava';
import { argvShape, nameShape, textShape } from '../../../src/diff/text-shape.js';

const CONTEXT = { homeDir: '/home/runner', projectDir: '/home/runner/work/app' };

test('a command line keeps its program and arguments, the sandbox folders named', (t) => {
  t.is(argvShape(['node', '/home/runner/work/app/node_modules/lib/beacon.js'], '/usr/bin/node', CONTEXT), 'node {project}/node_modules/lib/beacon.js');
  t.is(argvShape(['/usr/bin/curl', '-o', '/home/runner/.cache/x'], '/usr/bin/curl', CONTEXT), 'curl -o ~/.cache/x');
});

test('numbers, hex runs and random tokens do not make two runs of the same command differ', (t) => {
  const a = argvShape(['curl', 'http://c.example/?id=123&t=deadbeefcafe01'], '/usr/bin/curl', CONTEXT);
  const b = argvShape(['curl', 'http://c.example/?id=987&t=0123456789abcd'], '/usr/bin/curl', CONTEXT);
  t.is(a, b);
  t.is(a, 'curl http://c.example/?id=N&t=<token>');
  t.is(textShape('/tmp/tmp-4821-aB3dE5fG6hI7jK8lM9nO', CONTEXT), '/tmp/tmp-N-<token>');
});

test('long command lines are capped: at most 12 arguments, each at most 120 characters', (t) => {
  const shape = argvShape(['sh', ...Array.from({ length: 20 }, (_, i) => `arg${'x'.repeat(i)}`)], '/bin/sh', CONTEXT);
  t.true(shape.endsWith('(+8 more)'), shape);
  t.true(textShape('a'.repeat(500), CONTEXT).length <= 121);
});

test('host names keep their plain digits but lose random labels, case and the root dot', (t) => {
  t.is(nameShape('API2.Example.'), 'api2.example');
  t.is(nameShape('6e706d5f746f6b656e.x.example'), '<token>.x.example');
});
