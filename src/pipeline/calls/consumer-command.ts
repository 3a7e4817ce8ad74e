/**
 * The consumer's app entry and command lines: dynaudit writes app.cjs and
 * app.mjs into the project, and the import and execute phases run
 * `node app.cjs`, so the package is loaded by the process's main module, an
 * app's (require.main, module.parent), and by an ES module (import()). The
 * work is done by sandbox-images/node/runner/consumer.cjs. The app holds
 * the run's key-shaped secrets, as an app holds its keys, and hands them to
 * the consumer (the execute phase's arguments): neither the environment nor
 * the command line shows them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PhaseName } from '../../events/types.js';
import type { CallSecrets } from '../../honeytokens/index.js';
import { APP_ENTRY, PROJECT_DIR, RUNNER_DIR } from '../../sandbox/sandbox-layout.js';

const appCjs = (secrets: CallSecrets): string => `// The application (its main module): loads and uses the package.
const secrets = ${JSON.stringify(secrets, null, 2)};
require('${RUNNER_DIR}/consumer.cjs').run({ appRequire: require, appImport: () => import('./app.mjs'), argv: process.argv.slice(2), secrets });
`;
const APP_MJS = `// The application's ES module side: import() from an ES module.
export const load = (specifier) => import(specifier);
`;

/**
 * The caller's own folder: the execute phase runs in it and hands its
 * input.json to functions as the path argument, so what a function writes
 * or deletes there, or at a relative path, is what the caller asked
 * (policies/default.yaml excuses it in that phase).
 */
export const CALLER_DATA_DIR = `${PROJECT_DIR}/data`;

/** Writes the app entry (with the secrets it hands to calls) and the caller's folder into the project folder on the host (before it is copied into the sandbox). */
export async function writeAppEntry(projectDir: string, secrets: CallSecrets): Promise<void> {
  await writeFile(path.join(projectDir, path.basename(APP_ENTRY)), appCjs(secrets));
  await writeFile(path.join(projectDir, 'app.mjs'), APP_MJS);
  await mkdir(path.join(projectDir, path.basename(CALLER_DATA_DIR)), { recursive: true });
  await writeFile(path.join(projectDir, path.basename(CALLER_DATA_DIR), 'input.json'), '{"items":[]}\n');
}

/** import: load the package both ways; execute: load it, then call what it exposes and run its bins. */
export function consumerCommand(phase: Exclude<PhaseName, 'install'>, packageName: string): string[] {
  return ['node', APP_ENTRY, phase, PROJECT_DIR, packageName];
}
