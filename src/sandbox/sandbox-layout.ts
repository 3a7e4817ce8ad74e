/** Where things live inside the sandbox container (chosen to look like a CI runner's box). */
export const RUNNER_USER = 'runner';
export const RUNNER_UID = 1001;
export const HOME_DIR = '/home/runner';
export const PROJECT_DIR = '/home/runner/work/app';
export const NPM_CACHE_DIR = '/home/runner/.npm';
/** Root-only folder (mode 0700) for traces, so the package cannot tamper with them. */
export const STATE_DIR = '/var/lib/runner-state';
/** The image's runner scripts (sandbox-images/node/runner). */
export const RUNNER_DIR = '/usr/local/lib/runner';
/** The app entry dynaudit writes into the project, run as the main module to load and use the package (consumer.cjs). */
export const APP_ENTRY = `${PROJECT_DIR}/app.cjs`;
