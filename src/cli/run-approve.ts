/** `dynaudit approve`: verdicts of the project's install scripts (store first, else analyzed) written as the manager's approvals, or checked. */
import {
  approveProject,
  diskProjectIo,
  formatApproveJson,
  formatApproveSarif,
  formatApproveText,
  lockfileVerdicts,
  tarballScriptProbe,
} from '../approve/index.js';
import type { Environment } from '../common/config.js';
import { inLockfileSession } from './lockfile-session.js';
import type { Command } from './args/commands.js';

type ApproveCommand = Extract<Command, { kind: 'approve' }>;

export function runApproveCommand(command: ApproveCommand, env: Environment, color: boolean): Promise<number> {
  return inLockfileSession(command, env, `approve ${command.dir}`, async ({ config, reporter, options, deps }) => {
    await using probe = tarballScriptProbe(config.workDir, config.registry, (message) => reporter.log(message));
    const report = await approveProject(
      { dir: command.dir, cwd: process.cwd(), mode: command.approveMode, ...(command.manager ? { manager: command.manager } : {}) },
      { io: diskProjectIo, verdicts: lockfileVerdicts(options, deps), probe, progress: (message) => reporter.log(message) },
    );
    reporter.end();
    const render = { text: () => formatApproveText(report, { color }), json: () => formatApproveJson(report), sarif: () => formatApproveSarif(report) };
    process.stdout.write(render[command.format]());
    return report.check?.passed === false ? 1 : 0;
  });
}
