/**
 * Runs a resolved package through the sandbox: copy the project and the
 * offline npm cache in, then the install phase (`npm ci --offline`, every
 * lifecycle script runs) and the import phase (require, else import()).
 */
import type { PhaseName } from '../events/types.js';
import type { ResolvedPackage } from '../resolve/index.js';
import type { FileHit } from '../sandbox/file-scan.js';
import type { NetworkCapture, PhaseRun, Sandbox, SandboxOptions } from '../sandbox/sandbox.js';
import { LOADER_SCRIPT, NPM_CACHE_DIR, PROJECT_DIR } from '../sandbox/sandbox-layout.js';
import type { Progress } from './progress.js';

export function phaseCommands(packageName: string): Record<Exclude<PhaseName, 'execute'>, string[]> {
  return {
    install: ['npm', 'ci', '--offline', '--no-audit', '--no-fund'],
    import: ['node', '--experimental-import-meta-resolve', LOADER_SCRIPT, PROJECT_DIR, packageName],
  };
}

export async function runSandboxPhases(
  sandbox: Sandbox,
  options: SandboxOptions,
  resolved: ResolvedPackage,
  progress: Progress,
): Promise<PhaseRun[]> {
  return (await runSandboxSession(sandbox, options, resolved, progress)).runs;
}

/** The phases' runs, what the fake internet caught during them (null without one), and files holding any of `needles`. */
export interface SandboxSession {
  readonly runs: PhaseRun[];
  readonly network: NetworkCapture | null;
  readonly found: FileHit[];
}

/** Like runSandboxPhases; `homeDir` (the run's honeytoken files) is copied into the home first, files are searched for `needles` last. */
export async function runSandboxSession(
  sandbox: Sandbox,
  options: SandboxOptions,
  resolved: ResolvedPackage,
  progress: Progress,
  setup: { readonly homeDir?: string; readonly needles?: readonly string[] } = {},
): Promise<SandboxSession> {
  await using started = await sandbox.start(options);
  if (setup.homeDir) await started.addHomeFiles(setup.homeDir);
  await started.copyIn(resolved.projectDir, PROJECT_DIR);
  await started.copyIn(resolved.cacheDir, NPM_CACHE_DIR);
  const commands = phaseCommands(resolved.name);
  const runs: PhaseRun[] = [];
  for (const name of ['install', 'import'] as const) {
    progress(`${name} phase: ${commands[name].slice(0, 2).join(' ')} … (timeout ${options.timeoutSeconds} s)`);
    const run = await started.runPhase({ name, command: commands[name], workingDir: PROJECT_DIR });
    progress(`${name} phase ${run.status} in ${(run.durationMs / 1000).toFixed(1)} s`);
    runs.push(run);
    // The package brought the container down: nothing more can run in it.
    if (run.resources?.sandboxStopped) break;
  }
  return { runs, network: await started.collectNetwork(), found: await started.findFiles(setup.needles ?? []) };
}
