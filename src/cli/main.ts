#!/usr/bin/env node
/** The dynaudit command: the only place that maps errors to exit codes and reads process.env. */
import { buildConfig } from '../common/config.js';
import { isDynauditError, oneLine } from '../common/errors.js';
import { analyzePackage } from '../pipeline/analyze-package.js';
import { formatJsonError } from '../report/index.js';
import { DockerEngine } from '../sandbox/docker-engine.js';
import { DockerSandbox } from '../sandbox/docker-sandbox.js';
import { ReapingSandbox } from '../sandbox/reaping-sandbox.js';
import { EXIT_ANALYSIS_ERROR, exitCodeFor } from './exit-code.js';
import { parseCommandLine, USAGE, type Format } from './parse-args.js';
import { cleanUpOnInterrupt } from './interrupt-cleanup.js';
import { renderReport } from './render-report.js';
import { runCleanCommand } from './run-clean.js';
import { openStore, runLockfileCommand } from './run-lockfile.js';

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
    if (command.kind === 'clean') return await runCleanCommand(command, progress);
    format = command.format;
    if (command.kind === 'lockfile') {
      return await runLockfileCommand(command, process.env, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
    }
    const config = buildConfig(process.env, {
      policyFiles: command.policyFiles,
      ...(command.timeoutSeconds ? { timeoutSeconds: command.timeoutSeconds } : {}),
      ...(command.runtime ? { runtime: command.runtime } : {}),
      ...(command.noFakenet ? { fakenet: false } : {}),
      ...(command.noVendorHosts ? { vendorHosts: false } : {}),
      ...(command.artifactsDir !== undefined ? { artifactsDir: command.artifactsDir } : {}),
      ...(command.storePath ? { storePath: command.storePath } : {}),
    });
    const engine = new DockerEngine();
    const stopCleanUp = cleanUpOnInterrupt(engine, progress);
    using store = openStore(config.storePath);
    const report = await analyzePackage(
      command.spec,
      { cwd: process.cwd(), ...(command.failOn ? { failOn: command.failOn } : {}), ...(command.noCache ? { noCache: true } : {}) },
      {
        engine,
        sandbox: new ReapingSandbox(new DockerSandbox(engine, (message) => progress(`warning: ${message}`)), engine, progress),
        config,
        progress,
        store: store.store,
      },
    );
    stopCleanUp();
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    process.stdout.write(await renderReport(report, format, { spec: command.spec, cwd: process.cwd(), color }));
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
