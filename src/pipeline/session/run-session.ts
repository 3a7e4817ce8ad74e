/**
 * A resolved package in a started sandbox: the project and the offline npm
 * cache copied in, then the install phase (`npm ci --offline`, every
 * lifecycle script runs), the import phase (the package loaded by an app,
 * with require() and import()) and the execute phase (what it exposes
 * called, its bins run), as the configuration chooses, then what the fake
 * internet caught. The sandbox is started apart
 * (startSandbox), so it can come up while the package is still resolving.
 */
import type { PhaseName } from '../../events/types.js';
import type { ResolvedPackage } from '../../resolve/index.js';
import type { FileHit } from '../../sandbox/file-scan.js';
import type { NetworkCapture, PhaseRun, Sandbox, SandboxOptions, StartedSandbox } from '../../sandbox/sandbox.js';
import { NPM_CACHE_DIR, PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import { CALLER_DATA_DIR, consumerCommand, writeAppEntry } from '../calls/consumer-command.js';
import type { Progress } from '../progress.js';

export function phaseCommand(phase: PhaseName, packageName: string): string[] {
  return phase === 'install' ? ['npm', 'ci', '--offline', '--no-audit', '--no-fund'] : consumerCommand(phase, packageName);
}

/** The phases' runs, what the fake internet caught during them (null without one), and the files found holding a planted secret. */
export interface SandboxSession {
  readonly runs: PhaseRun[];
  readonly network: NetworkCapture | null;
  readonly staged: FileHit[];
}

/** Starts a sandbox and copies the run's home files (its honeytokens) in. */
export async function startSandbox(sandbox: Sandbox, options: SandboxOptions, homeDir?: string): Promise<StartedSandbox> {
  const started = await sandbox.start(options);
  try {
    if (homeDir) await started.addHomeFiles(homeDir);
    return started;
  } catch (error) {
    await started[Symbol.asyncDispose]();
    throw error;
  }
}

/** `needles`: what a file holding a planted secret contains (stagingNeedles), searched for after the phases. */
export async function runPackagePhases(
  started: StartedSandbox,
  resolved: ResolvedPackage,
  setup: { readonly timeoutSeconds: number; readonly needles: readonly string[]; readonly phases: readonly PhaseName[] },
  progress: Progress,
): Promise<SandboxSession> {
  const { timeoutSeconds } = setup;
  await writeAppEntry(resolved.projectDir);
  await started.copyIn(resolved.projectDir, PROJECT_DIR);
  await started.copyIn(resolved.cacheDir, NPM_CACHE_DIR);
  const runs: PhaseRun[] = [];
  for (const name of setup.phases) {
    const command = phaseCommand(name, resolved.name);
    progress(`${name} phase: ${command.slice(0, 2).join(' ')} … (timeout ${timeoutSeconds} s)`);
    const run = await started.runPhase({ name, command, workingDir: name === 'execute' ? CALLER_DATA_DIR : PROJECT_DIR });
    progress(`${name} phase ${run.status} in ${(run.durationMs / 1000).toFixed(1)} s`);
    runs.push(run);
    // The package brought the container down: nothing more can run in it.
    if (run.resources?.sandboxStopped) break;
  }
  return { runs, network: await started.collectNetwork(), staged: await started.findFiles(setup.needles) };
}
