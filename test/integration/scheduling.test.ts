/**
 * The scheduling examples of docs/sweep.md (contrib/scheduling/): the
 * systemd service and timer pass `systemd-analyze verify` (in a scratch
 * root holding the system's own units and a stand-in dynaudit), the cron
 * line is a valid schedule whose command the shell can parse, the GitHub
 * Actions workflow runs on a schedule and uploads the sweep's SARIF, and
 * every dynaudit command line in them is one the CLI accepts.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { parse } from 'yaml';
import { parseCommandLine } from '../../src/cli/args/parse-command-line.js';
import { repoRoot } from '../helpers/run-cli.js';

const run = promisify(execFile);
const CONTRIB = path.join(repoRoot, 'contrib', 'scheduling');
const read = (file: string): string => readFileSync(path.join(CONTRIB, file), 'utf8');

/** The arguments after `dynaudit` in a command line, parsed by the real CLI. */
function dynauditCommand(line: string) {
  const args = /dynaudit (sweep [^>|&]*)/.exec(line)?.[1]?.trim().split(/\s+/) ?? [];
  return parseCommandLine(args);
}

const FIELDS: readonly [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];

/** Whether five cron fields are valid: numbers in range, `*`, lists, ranges and steps. */
function validCron(fields: readonly string[]): boolean {
  return (
    fields.length === 5 &&
    fields.every((field, index) =>
      field.split(',').every((part) => {
        const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
        const [low, high] = FIELDS[index]!;
        const numbers = [match?.[2], match?.[3]].filter((value): value is string => value !== undefined).map(Number);
        return match !== null && numbers.every((value) => value >= low && value <= high);
      }),
    )
  );
}

async function verify(root: string, units: readonly string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('systemd-analyze', ['verify', `--root=${root}`, ...units.map((unit) => `/etc/systemd/system/${unit}`)]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** A scratch root with the system's units, ours installed, and an executable at dynaudit's path. */
function scratchRoot(t: import('ava').ExecutionContext, timer = read('dynaudit-sweep.timer')): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-systemd-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const systemUnits = ['/usr/lib/systemd/system', '/lib/systemd/system'].find((dir) => existsSync(path.join(dir, 'sysinit.target')));
  if (!systemUnits) throw new Error('no systemd units on this machine (install Debian\'s systemd package)');
  cpSync(systemUnits, path.join(root, 'usr', 'lib', 'systemd', 'system'), { recursive: true });
  mkdirSync(path.join(root, 'etc', 'systemd', 'system'), { recursive: true });
  writeFileSync(path.join(root, 'etc', 'systemd', 'system', 'dynaudit-sweep.service'), read('dynaudit-sweep.service'));
  writeFileSync(path.join(root, 'etc', 'systemd', 'system', 'dynaudit-sweep.timer'), timer);
  mkdirSync(path.join(root, 'usr', 'local', 'bin'), { recursive: true });
  writeFileSync(path.join(root, 'usr', 'local', 'bin', 'dynaudit'), '#!/bin/sh\n');
  chmodSync(path.join(root, 'usr', 'local', 'bin', 'dynaudit'), 0o755);
  return root;
}

test('the systemd service and timer pass systemd-analyze verify', async (t) => {
  const result = await verify(scratchRoot(t), ['dynaudit-sweep.service', 'dynaudit-sweep.timer']);
  t.is(result.code, 0, result.output);
  t.is(result.output.trim(), '');
});

test('systemd-analyze verify does catch a broken timer (the check is live)', async (t) => {
  const broken = read('dynaudit-sweep.timer').replace(/^OnCalendar=.*$/m, 'OnCalendar=every night');
  const result = await verify(scratchRoot(t, broken), ['dynaudit-sweep.timer']);
  t.not(result.code, 0);
  t.regex(result.output, /Failed to parse calendar specification/);
});

test('the service runs dynaudit sweep with a format the CLI accepts, on the schedule the timer sets', async (t) => {
  const execStart = /^ExecStart=(.*)$/m.exec(read('dynaudit-sweep.service'))?.[1] ?? '';
  t.like(dynauditCommand(execStart), { kind: 'sweep', file: '/etc/dynaudit/sweep.yaml', format: 'markdown' });
  const calendar = /^OnCalendar=(.*)$/m.exec(read('dynaudit-sweep.timer'))?.[1] ?? '';
  const { stdout } = await run('systemd-analyze', ['calendar', calendar]);
  t.regex(stdout, /Normalized form: \*-\*-\* 02:30:00/);
});

test('the cron line is a valid five-field schedule whose command the shell parses and runs dynaudit sweep', async (t) => {
  const lines = read('dynaudit-sweep.cron').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#') && !/^[A-Z_]+=/.test(line));
  t.is(lines.length, 1);
  const [minute, hour, day, month, weekday, user, ...command] = lines[0]!.split(/\s+/);
  t.true(validCron([minute, hour, day, month, weekday].map(String)), lines[0]);
  t.is(user, 'dynaudit');
  const script = path.join(mkdtempSync(path.join(os.tmpdir(), 'dynaudit-cron-')), 'command.sh');
  t.teardown(() => rmSync(path.dirname(script), { recursive: true, force: true }));
  writeFileSync(script, `${command.join(' ')}\n`);
  await t.notThrowsAsync(run('sh', ['-n', script]));
  t.like(dynauditCommand(command.join(' ')), { kind: 'sweep', format: 'markdown' });
  t.false(validCron(['60', '2', '*', '*', '*']), 'the validator rejects an out-of-range minute');
});

test('the GitHub Actions workflow runs on a schedule, sweeps to SARIF and uploads it even when the sweep fails', (t) => {
  const workflow = parse(read('github-actions-sweep.yml')) as {
    on: { schedule: { cron: string }[] };
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { uses?: string; run?: string; if?: string; with?: Record<string, string> }[] }>;
  };
  t.true(validCron(workflow.on.schedule[0]!.cron.split(' ')), workflow.on.schedule[0]!.cron);
  t.is(workflow.permissions['security-events'], 'write');
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const sweep = steps.find((step) => step.run?.includes('dynaudit sweep'));
  t.like(dynauditCommand(sweep?.run ?? ''), { kind: 'sweep', file: 'sweep.yaml', format: 'sarif', storePath: '.dynaudit-store/results.sqlite' });
  t.regex(sweep?.run ?? '', /> dynaudit\.sarif$/);
  const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
  t.like(upload, { if: 'always()', with: { sarif_file: 'dynaudit.sarif' } });
  const save = steps.find((step) => step.uses?.startsWith('actions/cache/save@'));
  t.like(save, { if: 'always()', with: { path: '.dynaudit-store' } });
});
