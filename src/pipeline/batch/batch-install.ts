/**
 * The install phase of a batch: `npm ci --offline --ignore-scripts` lays the
 * whole tree out (no package code runs, so it is not traced), then `npm rebuild` runs every
 * package's lifecycle scripts. A failing script leaves the tree in place
 * (npm ci would roll it back), so every package can still be imported; the
 * trace tells whose script failed. The limits the scripts ran into are
 * events like any other.
 */
import { DynauditError } from '../../common/errors.js';
import type { TraceEvent } from '../../events/types.js';
import type { PhaseRun, StartedSandbox } from '../../sandbox/sandbox.js';
import { PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import type { StraceRecord } from '../../trace/strace-line.js';
import { parseStrace, processLifetimes, recordsToEvents } from '../../trace/index.js';
import type { Progress } from '../progress.js';
import { limitEvents } from '../session/limit-events.js';

export interface BatchInstall {
  readonly events: TraceEvent[];
  readonly records: StraceRecord[];
  /** The rebuild (scripts) phase: its status applies to packages whose script did not report. */
  readonly scripts: PhaseRun;
  readonly durationMs: number;
}

const NPM_FLAGS = ['--offline', '--no-audit', '--no-fund'];

/** Lines of npm's output that say nothing about a failure. */
const NOISE = [/^npm (error|ERR!)\s*(A complete log|$)/, /^npm warn Unknown env config/];

/**
 * Why npm failed, in one line: how it ended and the limits it ran into
 * (a full home, the OOM killer), then its error lines when it printed any,
 * else its last lines (never a warning about its own configuration).
 */
export function npmFailure(run: Pick<PhaseRun, 'stdout' | 'stderr' | 'exitCode' | 'status' | 'resources'>): string {
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !NOISE.some((noise) => noise.test(line)));
  const errors = lines.filter((line) => /^npm (error|ERR!)/.test(line));
  const why = [
    run.status === 'timeout' ? 'it ran out of time' : `exit ${run.exitCode ?? 'none'}`,
    ...(run.resources?.oomKills ? [`the kernel killed ${run.resources.oomKills} process(es) at the memory limit`] : []),
    ...(run.resources?.fullFilesystems ?? []).map((fs) => `${fs.path} filled up (${Math.round(fs.sizeBytes / 1024 / 1024)} MiB)`),
  ];
  const said = errors.length > 0 ? errors.slice(0, 8) : lines.slice(-5);
  return [why.join(', '), ...said].join(' | ');
}

export async function runBatchInstall(sandbox: StartedSandbox, timeoutSeconds: number, progress: Progress): Promise<BatchInstall> {
  progress('install phase: npm ci --offline --ignore-scripts (lays out the tree, runs nothing)');
  const layout = await sandbox.runPhase({
    name: 'install',
    command: ['npm', 'ci', '--ignore-scripts', ...NPM_FLAGS],
    workingDir: PROJECT_DIR,
    timeoutSeconds,
    // No package code runs here; tracing npm's extraction of every file would only slow it down.
    traced: false,
  });
  if (layout.status !== 'completed') {
    throw new DynauditError('E_SANDBOX', `npm ci of the lockfile's tree ${layout.status} in the sandbox: ${npmFailure(layout)}`);
  }
  // The laid-out tree holds the tarballs' files only (no package code ran): the secret scans read only what changes after it.
  await sandbox.settleFiles();
  progress(`tree laid out in ${(layout.durationMs / 1000).toFixed(1)} s; install phase: npm rebuild (every lifecycle script)`);
  // Without npm's hidden lockfile, rebuild reads every package.json from disk: the real scripts and bins.
  const rebuild = `rm -f node_modules/.package-lock.json && exec npm rebuild ${NPM_FLAGS.join(' ')}`;
  const scripts = await sandbox.runPhase({ name: 'install', command: ['sh', '-c', rebuild], workingDir: PROJECT_DIR, timeoutSeconds });
  progress(`lifecycle scripts ${scripts.status} in ${(scripts.durationMs / 1000).toFixed(1)} s`);
  if (scripts.traceTruncated) progress('warning: the install trace exceeded the size cap and was cut');
  const records = parseStrace(scripts.trace);
  const traced = recordsToEvents(records, {
    phase: 'install',
    rootAttribution: { package: null, via: 'package-manager' },
    projectDir: PROJECT_DIR,
  });
  const limits = limitEvents(scripts, traced, { lifetimes: processLifetimes(records), fallback: { package: null, via: 'package-manager' } });
  return { events: [...traced, ...limits], records, scripts, durationMs: layout.durationMs + scripts.durationMs };
}
