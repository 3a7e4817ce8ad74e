#!/usr/bin/env node
/**
 * The dynaudit command: the only place that maps errors to exit codes and
 * reads process.env. Each command's module is loaded when it runs, so
 * `--help` and bad input answer without loading Docker or npm's libraries.
 */
import { isDynauditError, oneLine } from '../common/errors.js';
import { formatJsonError } from '../report/format-json.js';
import { EXIT_ANALYSIS_ERROR } from './exit-code.js';
import type { Format } from './args/commands.js';
import { parseCommandLine } from './args/parse-command-line.js';
import { USAGE } from './args/usage.js';

function progress(message: string): void {
  process.stderr.write(`dynaudit: ${message}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  let format: Format = 'text';
  try {
    const command = parseCommandLine(argv);
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    switch (command.kind) {
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case 'clean':
        return await (await import('./run-clean.js')).runCleanCommand(command, progress);
      case 'lockfile':
        format = command.format;
        return await (await import('./run-lockfile.js')).runLockfileCommand(command, process.env, color);
      case 'analyze':
        format = command.format;
        return await (await import('./run-analyze.js')).runAnalyzeCommand(command, process.env, color, progress);
      case 'worker':
        return await (await import('./run-worker.js')).runWorkerCommand(command, process.env, progress);
      case 'approve':
        format = command.format;
        return await (await import('./run-approve.js')).runApproveCommand(command, process.env, color);
      case 'sweep':
        format = command.format === 'json' ? 'json' : 'text';
        return await (await import('./run-sweep.js')).runSweepCommand(command, process.env, color);
      case 'diff':
        format = command.format === 'json' ? 'json' : 'text';
        return await (await import('./run-diff.js')).runDiffCommand(command, process.env, color);
    }
  } catch (error) {
    const code = isDynauditError(error) ? error.code : 'E_INTERNAL';
    process.stderr.write(`dynaudit: error: ${oneLine(error)}\n`);
    if (!isDynauditError(error) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    if (format === 'json') process.stdout.write(formatJsonError(code, oneLine(error)));
    return EXIT_ANALYSIS_ERROR;
  }
}

process.exitCode = await main(process.argv.slice(2));
