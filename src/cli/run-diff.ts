/**
 * `dynaudit diff <name@a> <name@b>`: the behavioural difference of two
 * versions, each with its whole tree, from the store where it has them.
 * Exit 1 when b adds a finding at or above the fail threshold.
 */
import type { Environment } from '../common/config.js';
import { diffPackages } from '../pipeline/diff/diff-packages.js';
import { configFor } from './command-config.js';
import type { Command } from './args/commands.js';
import { renderDiff } from './render-changes.js';
import { withRunsStack } from './runs-command.js';
import { sarifLocation } from './sarif-location.js';

type DiffCommand = Extract<Command, { kind: 'diff' }>;

export async function runDiffCommand(command: DiffCommand, env: Environment, color: boolean): Promise<number> {
  const config = configFor(command, env);
  return withRunsStack(command, config, async ({ options, deps, progress }) => {
    const report = await diffPackages(command.from, command.to, options, deps);
    progress.end();
    const location = command.format === 'sarif' ? await sarifLocation(command.to, report.to.name, process.cwd()) : undefined;
    process.stdout.write(renderDiff(report, command.format, color, location));
    return report.verdict === 'fail' ? 1 : 0;
  });
}
