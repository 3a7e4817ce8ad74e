import test from 'ava';
import { npmFailure } from '../../../../src/pipeline/batch/batch-install.js';

const resources = { memoryLimitBytes: 1, pidsLimit: 1, oomKills: 0, pidsRefused: 0, fullFilesystems: [], outputBytes: 0, sandboxStopped: false };

test('a failed npm ci says how it ended and its error lines, not its warning about nodedir', (t) => {
  const stderr = [
    'npm warn Unknown env config "nodedir". This will stop working in the next major version of npm.',
    'npm error code ERESOLVE',
    'npm error ERESOLVE could not resolve',
    'npm error A complete log of this run can be found in: /home/runner/.npm/_logs/x.log',
  ].join('\n');
  t.is(npmFailure({ stdout: '', stderr, exitCode: 1, status: 'failed', resources }), 'exit 1 | npm error code ERESOLVE | npm error ERESOLVE could not resolve');
});

test('a full home and the OOM killer are named, with npm\'s last lines when it printed no error', (t) => {
  const full = { ...resources, oomKills: 2, fullFilesystems: [{ path: '/home/runner', sizeBytes: 1024 * 1024 * 1024 }] };
  const said = npmFailure({ stdout: '', stderr: 'npm warn tar TAR_ENTRY_ERROR ENOSPC: no space left on device, write', exitCode: 137, status: 'failed', resources: full });
  t.is(said, 'exit 137, the kernel killed 2 process(es) at the memory limit, /home/runner filled up (1024 MiB) | npm warn tar TAR_ENTRY_ERROR ENOSPC: no space left on device, write');
});
