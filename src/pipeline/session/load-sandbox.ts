/**
 * What a run puts in its started sandbox before the first phase: its bait
 * (the home files and the variables of plantHoneytokens), the project and
 * the offline npm cache, the files in one archive. `analyze` and a lockfile
 * batch load their sandboxes this way.
 */
import type { StartedSandbox } from '../../sandbox/sandbox.js';
import { HOME_DIR, NPM_CACHE_DIR, PROJECT_DIR } from '../../sandbox/sandbox-layout.js';

export interface SandboxLoad {
  /** Host folder of the run's home files. */
  readonly homeDir: string;
  /** The run's own variables (its honeytokens, its CI job's). */
  readonly env: readonly string[];
  readonly projectDir: string;
  readonly cacheDir: string;
}

export async function loadSandbox(started: StartedSandbox, load: SandboxLoad): Promise<void> {
  started.setRunEnvironment(load.env);
  await started.copyIn([
    { hostDir: load.homeDir, containerDir: HOME_DIR },
    { hostDir: load.projectDir, containerDir: PROJECT_DIR },
    { hostDir: load.cacheDir, containerDir: NPM_CACHE_DIR },
  ]);
}
