import test from 'ava';
import { parseCommandLine } from '../../../../src/cli/args/parse-command-line.js';

test('clean removes leftovers of dead runs by default and everything of ours with --all', (t) => {
  t.deepEqual(parseCommandLine(['clean']), { kind: 'clean', all: false });
  t.deepEqual(parseCommandLine(['clean', '--all']), { kind: 'clean', all: true });
});

test('clean takes no arguments and --all belongs to clean only', (t) => {
  t.throws(() => parseCommandLine(['clean', 'now']), { message: /clean takes no arguments/ });
  t.throws(() => parseCommandLine(['analyze', 'left-pad', '--all']), { message: /--all applies to the clean command only/ });
});
