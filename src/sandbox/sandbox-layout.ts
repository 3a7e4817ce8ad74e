/** Where things live inside the sandbox container (chosen to look like a CI runner's box). */
export const RUNNER_USER = 'runner';
export const RUNNER_UID = 1001;
export const HOME_DIR = '/home/runner';
export const PROJECT_DIR = '/home/runner/work/app';
export const NPM_CACHE_DIR = '/home/runner/.npm';
/** Root-only folder (mode 0700) for traces, so the package cannot tamper with them. */
export const STATE_DIR = '/var/lib/runner-state';
export const LOADER_SCRIPT = '/usr/local/lib/runner/load-package.mjs';
