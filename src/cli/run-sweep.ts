/**
 * `dynaudit sweep <sweep.yaml>`: every project of the sweep file, recorded
 * in the store's history; what changed since the last sweep comes first in
 * every format. Exit 1 when something new fails, 2 when something could
 * not be analyzed (or the sweep could not run), else 0.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Environment } from '../common/config.js';
import { DynauditError } from '../common/errors.js';
import { recentPackageHistory } from '../pipeline/sweep/read-history.js';
import { runSweep } from '../pipeline/sweep/run-sweep.js';
import { createPacoteClient } from '../resolve/registry-client.js';
import { currentOwner, ownerState, procProbe } from '../sandbox/owner.js';
import { parseSweepConfig } from '../sweep/sweep-config.js';
import { configFor } from './command-config.js';
import { exitCodeFor } from './exit-code.js';
import type { Command } from './args/commands.js';
import { renderSweep } from './render-changes.js';
import { withRunsStack } from './runs-command.js';
import { sweepLocator } from './sweep-locations.js';

type SweepCommand = Extract<Command, { kind: 'sweep' }>;

/** Runs shown in the HTML page's package history. */
const HISTORY_RUNS = 30;

export async function runSweepCommand(command: SweepCommand, env: Environment, color: boolean): Promise<number> {
  const file = path.resolve(command.file);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DynauditError('E_SWEEP', `cannot read sweep file ${command.file}: ${error.code ?? error.message}`, { cause: error });
  });
  const sweep = parseSweepConfig(text, file);
  const failOn = command.failOn ?? sweep.failOn;
  const config = configFor({ ...command, policyFiles: [...sweep.policyFiles, ...command.policyFiles] }, env);
  return withRunsStack({ ...command, ...(failOn ? { failOn } : {}) }, config, async ({ options, deps, progress }) => {
    const self = currentOwner();
    const history = deps.store.history();
    const report = await runSweep(sweep, options, {
      ...deps,
      history,
      registry: createPacoteClient({ cacheDir: path.join(config.workDir, 'watch-cache'), ...(config.registry ? { registry: config.registry } : {}) }),
      owner: { self, isGone: (owner) => ownerState(owner, self, procProbe) === 'dead' },
      now: () => new Date(),
    });
    progress.end();
    process.stdout.write(
      await renderSweep(report, command.format, color, { history: () => recentPackageHistory(history, sweep.file, HISTORY_RUNS), locator: () => sweepLocator(sweep) }),
    );
    return exitCodeFor(report.summary.verdict);
  });
}
