import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { SUPERVISOR_SCRIPT } from '../../../../src/pipeline/calls/consumer-command.js';

/**
 * Runs the supervisor on the host with a stand-in consumer: a bash script
 * that logs its arguments and, on its Nth start, writes the Nth of `runs`
 * to fd 3 and exits with the status given there.
 */
async function supervise(runs: readonly { readonly progress: string; readonly status: number }[]): Promise<{ starts: string[]; exitCode: number | undefined }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-supervisor-'));
  try {
    const log = path.join(dir, 'starts.log');
    const consumer = path.join(dir, 'consumer.sh');
    const cases = runs.map((run, index) => `${index + 1}) printf '${run.progress}' >&3; exit ${run.status};;`).join('\n');
    await writeFile(consumer, `echo "$*" >> ${log}\nn=$(wc -l < ${log})\ncase $n in\n${cases}\n*) exit 9;;\nesac\n`);
    const result = await execa('bash', ['-c', SUPERVISOR_SCRIPT, 'app', '60', 'bash', consumer, 'execute', 'PKG'], { reject: false, env: { FAKETIME: '' } });
    const starts = (await readFile(log, 'utf8')).trim().split('\n');
    // The phase's time and what is left of it vary: only the resume point is compared.
    return { starts: starts.map((line) => line.split(' ').filter((_, i) => i < 2 || i > 3).join(' ')), exitCode: result.exitCode };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a consumer that wrote done once its plan ran out is not started again', async (t) => {
  t.deepEqual(await supervise([{ progress: '0 0\\n1 1\\ndone\\n', status: 0 }]), { starts: ['execute PKG'], exitCode: 0 });
});

test('a consumer a call exited cleanly (process.exit(0)) before done is started again right after the step under way', async (t) => {
  const { starts, exitCode } = await supervise([
    { progress: '0 0\\n1 1\\n2 5\\n', status: 0 },
    { progress: '3 0\\n4 1\\ndone\\n', status: 0 },
  ]);
  t.deepEqual(starts, ['execute PKG', 'execute PKG 3 5']);
  t.is(exitCode, 0);
});

test('a consumer that crashed is started again, and a progress line it cannot read ends the supervision with the crash', async (t) => {
  t.deepEqual((await supervise([{ progress: '0 0\\n7 12\\n', status: 139 }, { progress: '8 0\\ndone\\n', status: 0 }])).starts, ['execute PKG', 'execute PKG 8 12']);
  t.deepEqual(await supervise([{ progress: '0 0\\nnot a step\\n', status: 139 }]), { starts: ['execute PKG'], exitCode: 139 });
});

test('a consumer started again after several crashes is handed the plan position of every step that ended one, so it does none of them again', async (t) => {
  const { starts } = await supervise([
    { progress: '0 0\\n1 1\\n2 2\\n', status: 134 },
    { progress: '3 0\\n4 1\\n5 3\\n', status: 134 },
    { progress: '6 0\\n7 1\\ndone\\n', status: 0 },
  ]);
  t.deepEqual(starts, ['execute PKG', 'execute PKG 3 2', 'execute PKG 6 2,3']);
});
