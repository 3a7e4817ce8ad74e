#!/usr/bin/env node
/** The dynaudit command: the only place that maps errors to exit codes and reads process.env. */
import { buildConfig } from '../common/config.js';
import { isDynauditError, oneLine } from '../common/errors.js';
import { analyzePackage } from '../pipeline/analyze-package.js';
import { formatJson, formatJsonError, formatText } from '../report/index.js';
import { DockerEngine } from '../sandbox/docker-engine.js';
import { DockerSandbox } from '../sandbox/docker-sandbox.js';
import { EXIT_ANALYSIS_ERROR, exitCodeFor } from './exit-code.js';
import { parseCommandLine, USAGE, type Format } from './parse-args.js';

function progress(message: string): void {
  process.stderr.write(`dynaudit: ${message}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  let format: Format = 'text';
  try {
    const command = parseCommandLine(argv);
    if (command.kind === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    format = command.format;
    const config = buildConfig(process.env, {
      policyFiles: command.policyFiles,
      ...(command.timeoutSeconds ? { timeoutSeconds: command.timeoutSeconds } : {}),
      ...(command.runtime ? { runtime: command.runtime } : {}),
    });
    const engine = new DockerEngine();
    const report = await analyzePackage(
      command.spec,
      { cwd: process.cwd(), ...(command.failOn ? { failOn: command.failOn } : {}) },
      { engine, sandbox: new DockerSandbox(engine, (message) => progress(`warning: ${message}`)), config, progress },
    );
    process.stdout.write(format === 'json' ? formatJson(report) : formatText(report, { color: Boolean(process.stdout.isTTY) }));
    return exitCodeFor(report.verdict);
  } catch (error) {
    const code = isDynauditError(error) ? error.code : 'E_INTERNAL';
    process.stderr.write(`dynaudit: error: ${oneLine(error)}\n`);
    if (!isDynauditError(error) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    if (format === 'json') process.stdout.write(formatJsonError(code, oneLine(error)));
    return EXIT_ANALYSIS_ERROR;
  }
}

process.exitCode = await main(process.argv.slice(2));
