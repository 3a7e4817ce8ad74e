import test from 'ava';
import { parseCommandLine } from '../../../../src/cli/args/parse-command-line.js';

test('--phases chooses the phases, run in their own order whatever order they are named in', (t) => {
  t.like(parseCommandLine(['analyze', 'pkg', '--phases', 'import,install']), { phases: ['install', 'import'] });
  t.like(parseCommandLine(['lockfile', 'package-lock.json', '--phases', 'install,import,execute']), { phases: ['install', 'import', 'execute'] });
});

test('without --phases the command leaves the phases to the configuration (all of them)', (t) => {
  t.false('phases' in parseCommandLine(['analyze', 'pkg']));
});

test('--phases without install, or with a phase that does not exist, is a usage error', (t) => {
  t.throws(() => parseCommandLine(['analyze', 'pkg', '--phases', 'import,execute']), { code: 'E_USAGE', message: /must include install/ });
  t.throws(() => parseCommandLine(['analyze', 'pkg', '--phases', 'install,run']), { code: 'E_USAGE', message: /--phases takes install,import,execute or part of it, got "run"/ });
});
