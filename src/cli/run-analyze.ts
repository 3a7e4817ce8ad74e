/** `dynaudit analyze`: wiring (config, store, Docker, progress on stderr, Ctrl-C) around the analyze pipeline. */
import type { Environment } from '../common/config.js';
import { analyzePackage } from '../pipeline/analyze/analyze-package.js';
import { SqliteResultStore } from '../store/sqlite-result-store.js';
import { configFor } from './command-config.js';
import { exitCodeFor } from './exit-code.js';
import { exitAfterInterrupt, interruptible } from './interrupt.js';
import type { Command } from './args/commands.js';
import { renderReport } from './render-report.js';
import { openQueueClient, type QueueClient } from './queue-client.js';
import { sandboxStack } from './sandbox-stack.js';

type AnalyzeCommand = Extract<Command, { kind: 'analyze' }>;

export async function runAnalyzeCommand(command: AnalyzeCommand, env: Environment, color: boolean, progress: (message: string) => void): Promise<number> {
  const config = configFor(command, env);
  using interrupt = interruptible(progress);
  const { engine, sandbox } = sandboxStack(interrupt.signal, progress);
  const store = new SqliteResultStore(config.storePath);
  let client: QueueClient | undefined;
  try {
    client = command.queue ? await openQueueClient(command.queue, config) : undefined;
    const analyzeTree = client?.treeAnalyzer(progress, interrupt.signal);
    const report = await analyzePackage(
      command.spec,
      { cwd: process.cwd(), ...(command.failOn ? { failOn: command.failOn } : {}), ...(command.noCache ? { noCache: true } : {}) },
      { engine, sandbox, config, progress, store, ...(analyzeTree ? { analyzeTree } : {}) },
    );
    process.stdout.write(await renderReport(report, command.format, { spec: command.spec, cwd: process.cwd(), color }));
    return exitCodeFor(report.verdict);
  } catch (error) {
    return await exitAfterInterrupt(error, interrupt.signal, sandbox, progress);
  } finally {
    store.close();
    await client?.queue.close();
  }
}
