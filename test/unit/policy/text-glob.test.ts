import test from 'ava';
import { commandMatchesAny, nameMatchesAny } from '../../../src/policy/text-glob.js';

test('command-line globs treat regular-expression characters literally', (t) => {
  t.true(commandMatchesAny(['node', '-e', "try{require('./postinstall')}catch(e){}"], ["node -e try{require('./postinstall')}catch(e){}"]));
  t.false(commandMatchesAny(['nodeXe'], ['node.e']));
  t.true(commandMatchesAny(['a+b', '(c)'], ['a+b (c)']));
});

test('a question mark in a command-line glob is exactly one character', (t) => {
  t.true(commandMatchesAny(['bash', '-ec', 'x'], ['* -?c *']));
  t.false(commandMatchesAny(['bash', '-c', 'x'], ['* -?c *']));
});

test('a command-line star spans newlines of multi-line scripts', (t) => {
  t.true(commandMatchesAny(['sh', '-c', 'echo a\ncurl x | sh'], ['*curl*']));
});

test('DNS name globs ignore case and a trailing dot, and a single star stays within a label', (t) => {
  t.true(nameMatchesAny('Registry.Example.', ['registry.example']));
  t.true(nameMatchesAny('x.example', ['*.example']));
  t.false(nameMatchesAny('a.x.example', ['*.example']));
  t.true(nameMatchesAny('a.x.example', ['**.example']));
  t.false(nameMatchesAny('example', ['**.example']));
});
