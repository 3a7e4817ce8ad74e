import test from 'ava';
import { parseCommandLine } from '../../../../src/cli/args/parse-command-line.js';

test('approve defaults to the current folder, writing, as text', (t) => {
  t.deepEqual(parseCommandLine(['approve']), { kind: 'approve', dir: '.', approveMode: 'write', format: 'text', policyFiles: [] });
});

test('approve takes a folder, a manager, --check with sarif, and the store flags', (t) => {
  t.deepEqual(parseCommandLine(['approve', 'app', '--manager', 'pnpm', '--check', '--format', 'sarif', '--store', 's.sqlite', '--no-cache']), {
    kind: 'approve',
    dir: 'app',
    approveMode: 'check',
    format: 'sarif',
    policyFiles: [],
    manager: 'pnpm',
    storePath: 's.sqlite',
    noCache: true,
  });
  t.like(parseCommandLine(['approve', '--dry-run']), { approveMode: 'dry-run' });
});

test('approve refuses what does not fit', (t) => {
  t.throws(() => parseCommandLine(['approve', '--manager', 'deno']), { code: 'E_USAGE', message: /--manager must be one of npm, pnpm, bun, yarn, lavamoat/ });
  t.throws(() => parseCommandLine(['approve', '--dry-run', '--check']), { code: 'E_USAGE', message: /do not go together/ });
  t.throws(() => parseCommandLine(['approve', '--format', 'sarif']), { code: 'E_USAGE', message: /sarif with --check/ });
  t.throws(() => parseCommandLine(['approve', 'a', 'b']), { code: 'E_USAGE', message: /at most one project folder/ });
  t.throws(() => parseCommandLine(['lockfile', 'package-lock.json', '--check']), { code: 'E_USAGE', message: /--check applies to the approve command only/ });
  t.throws(() => parseCommandLine(['analyze', 'x', '--manager', 'npm', '--dry-run']), { code: 'E_USAGE', message: /--manager and --dry-run apply to the approve command only/ });
  t.throws(() => parseCommandLine(['clean', '--mode', 'batch']), { code: 'E_USAGE', message: /--mode applies to the lockfile and sweep commands only/ });
});
