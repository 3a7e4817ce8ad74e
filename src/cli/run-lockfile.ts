/** `dynaudit lockfile`: the whole lockfile analyzed (store first) and reported. */
import type { Environment } from '../common/config.js';
import { analyzeLockfile } from '../pipeline/lockfile/analyze-lockfile.js';
import { formatLockfileJson, formatLockfileText } from '../report/format-lockfile.js';
import { exitCodeFor } from './exit-code.js';
import { inLockfileSession } from './lockfile-session.js';
import type { Command } from './args/commands.js';

type LockfileCommand = Extract<Command, { kind: 'lockfile' }>;

export function runLockfileCommand(command: LockfileCommand, env: Environment, color: boolean): Promise<number> {
  return inLockfileSession(command, env, command.lockfile, async ({ reporter, options, deps }) => {
    const report = await analyzeLockfile(command.lockfile, options, deps);
    reporter.end();
    process.stdout.write(command.format === 'json' ? formatLockfileJson(report) : formatLockfileText(report, { color }));
    return exitCodeFor(report.summary.verdict);
  });
}
