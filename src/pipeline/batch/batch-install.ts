/**
 * The install phase of a batch: `npm ci --offline --ignore-scripts` lays the
 * whole tree out (no package code runs), then `npm rebuild` runs every
 * package's lifecycle scripts. A failing script leaves the tree in place
 * (npm ci would roll it back), so every package can still be imported; the
 * trace tells whose script failed.
 */
import { DynauditError } from '../../common/errors.js';
import type { TraceEvent } from '../../events/types.js';
import type { PhaseRun, StartedSandbox } from '../../sandbox/sandbox.js';
import { PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import type { StraceRecord } from '../../trace/strace-line.js';
import { parseStrace, recordsToEvents } from '../../trace/index.js';
import type { Progress } from '../progress.js';

export interface BatchInstall {
  readonly events: TraceEvent[];
  readonly records: StraceRecord[];
  /** The rebuild (scripts) phase: its status applies to packages whose script did not report. */
  readonly scripts: PhaseRun;
  readonly durationMs: number;
}

const NPM_FLAGS = ['--offline', '--no-audit', '--no-fund'];

function tail(run: PhaseRun): string {
  return `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-5).join(' | ');
}

export async function runBatchInstall(sandbox: StartedSandbox, timeoutSeconds: number, progress: Progress): Promise<BatchInstall> {
  progress('install phase: npm ci --offline --ignore-scripts (lays out the tree, runs nothing)');
  const layout = await sandbox.runPhase({
    name: 'install',
    command: ['npm', 'ci', '--ignore-scripts', ...NPM_FLAGS],
    workingDir: PROJECT_DIR,
    timeoutSeconds,
  });
  if (layout.status !== 'completed') {
    throw new DynauditError('E_SANDBOX', `npm ci of the lockfile's tree ${layout.status} in the sandbox: ${tail(layout)}`);
  }
  progress(`tree laid out in ${(layout.durationMs / 1000).toFixed(1)} s; install phase: npm rebuild (every lifecycle script)`);
  // Without npm's hidden lockfile, rebuild reads every package.json from disk: the real scripts and bins.
  const rebuild = `rm -f node_modules/.package-lock.json && exec npm rebuild ${NPM_FLAGS.join(' ')}`;
  const scripts = await sandbox.runPhase({ name: 'install', command: ['sh', '-c', rebuild], workingDir: PROJECT_DIR, timeoutSeconds });
  progress(`lifecycle scripts ${scripts.status} in ${(scripts.durationMs / 1000).toFixed(1)} s`);
  if (scripts.traceTruncated) progress('warning: the install trace exceeded the size cap and was cut');
  const records = parseStrace(scripts.trace);
  const events = recordsToEvents(records, {
    phase: 'install',
    rootAttribution: { package: null, via: 'package-manager' },
    projectDir: PROJECT_DIR,
  });
  return { events, records, scripts, durationMs: layout.durationMs + scripts.durationMs };
}
