/** `dynaudit lockfile`: the whole lockfile analyzed (store first) and reported. */
import type { Environment } from '../common/config.js';
import { analyzeLockfile } from '../pipeline/analyze-lockfile.js';
import { formatLockfileJson, formatLockfileText } from '../report/format-lockfile.js';
import { SqliteResultStore } from '../store/sqlite-result-store.js';
import { exitCodeFor } from './exit-code.js';
import { inLockfileSession } from './lockfile-session.js';
import type { Command } from './parse-args.js';

/** The result store for `analyze`, closed when the caller's scope ends. */
export function openStore(file: string): Disposable & { readonly store: SqliteResultStore } {
  const store = new SqliteResultStore(file);
  return { store, [Symbol.dispose]: () => store.close() };
}

type LockfileCommand = Extract<Command, { kind: 'lockfile' }>;

export function runLockfileCommand(command: LockfileCommand, env: Environment, color: boolean): Promise<number> {
  return inLockfileSession(command, env, command.lockfile, async ({ reporter, options, deps }) => {
    const report = await analyzeLockfile(command.lockfile, options, deps);
    reporter.end();
    process.stdout.write(command.format === 'json' ? formatLockfileJson(report) : formatLockfileText(report, { color }));
    return exitCodeFor(report.summary.verdict);
  });
}
