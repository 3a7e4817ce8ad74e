import test from 'ava';
import { unifiedDiff } from '../../../src/approve/unified-diff.js';

test('the same text has no diff', (t) => {
  t.is(unifiedDiff('a\nb\n', 'a\nb\n', 'f'), '');
});

test('an added line comes with three lines of context', (t) => {
  const before = ['{', '  "a": 1,', '  "b": 2,', '  "c": 3,', '  "d": 4', '}', ''].join('\n');
  const after = before.replace('  "d": 4', '  "d": 4,\n  "e": 5');
  t.is(unifiedDiff(before, after, 'package.json'), ['--- a/package.json', '+++ b/package.json', '@@ -2,5 +2,6 @@', '   "a": 1,', '   "b": 2,', '   "c": 3,', '-  "d": 4', '+  "d": 4,', '+  "e": 5', ' }', ''].join('\n'));
});

test('a new file is all additions', (t) => {
  t.is(unifiedDiff('', 'x: 1\n', 'pnpm-workspace.yaml'), '--- a/pnpm-workspace.yaml\n+++ b/pnpm-workspace.yaml\n@@ -0,0 +1,1 @@\n+x: 1\n');
});
