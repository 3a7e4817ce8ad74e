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

// The consumer's arguments leave process.argv before any package code runs: the package sees an app's (node, app.cjs).
const appCjs = (secrets: CallSecrets, dependenciesFirst: boolean): string => `// The application (its main module): loads and uses the package.
const argv = process.argv.splice(2);
const secrets = ${JSON.stringify(secrets, null, 2)};
require('${RUNNER_DIR}/consumer.cjs').run({ appRequire: require, appImport: () => import('./app.mjs'), argv, secrets${dependenciesFirst ? ', dependenciesFirst: true' : ''} });
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

/**
 * Writes the app entry (with the secrets it hands to calls) and the
 * caller's folder into the project folder on the host (before it is copied
 * into the sandbox). `dependenciesFirst` (a lockfile's batch, whose
 * dependencies were imported and judged under their own names): the
 * consumer loads the package's dependencies before its first step.
 */
export async function writeAppEntry(projectDir: string, secrets: CallSecrets, options: { readonly dependenciesFirst?: boolean } = {}): Promise<void> {
  await writeFile(path.join(projectDir, path.basename(APP_ENTRY)), appCjs(secrets, options.dependenciesFirst === true));
  await writeFile(path.join(projectDir, 'app.mjs'), APP_MJS);
  await mkdir(path.join(projectDir, path.basename(CALLER_DATA_DIR)), { recursive: true });
  await writeFile(path.join(projectDir, path.basename(CALLER_DATA_DIR), 'input.json'), '{"items":[]}\n');
}

/**
 * How many times the execute phase's supervisor starts the consumer again
 * after it died mid-step. A restart uses up steps (the crashed one and the
 * loadings of the package again, three in all for most packages), so for a
 * native addon whose methods abort on most arguments (leveldown's) the
 * consumer's 300 steps run out before the restarts do.
 */
const MAX_RESTARTS = 100;

/**
 * The execute phase's supervisor (bash, run with the phase's time in seconds
 * and the consumer's command): it hands the consumer the phase's time and
 * what is left of it (real milliseconds: its clock is the package's, LD_PRELOAD
 * and FAKETIME reach it too, so it divides by the speed), and reads fd 3 of
 * the consumer, a file: the consumer's marker worker writes `<index> <plan
 * position>` there as each step starts, and the consumer `done` once its
 * plan ran out. A consumer that ended without `done` (a native function
 * crashing, a call's process.exit(0) as commander's help() makes, a step its
 * watchdog ended) is started again, at most MAX_RESTARTS times (a native
 * addon can abort on most argument kinds of each of its functions, as
 * bufferutil does) and while the phase has time left, to resume after the
 * step under way. It is handed the plan positions of every step that ended
 * a consumer so far (comma-separated, the last the step just under way):
 * the steps a consumer started again does again (its loadings) leave those
 * out, so a loading that ends the process (jest's `jest/bin/jest` subpath
 * runs the CLI) ends it once, not at every start. The package can write to
 * fd 3 too; the host accepts a consumer started again only if it resumes
 * right after the last step the trace shows started, with exactly the steps
 * that ended a consumer so far (splitCallTrace), so a forged line gets its
 * markers refused, not steps skipped (a forged `done` ends the phase early:
 * docs/execute.md).
 */
export const SUPERVISOR_SCRIPT = [
  'phase_ms=$(( $1 * 1000 )); shift',
  'speed=${FAKETIME##*x}; speed=${speed%%[!0-9]*}; speed=${speed:-1}',
  't0=${EPOCHREALTIME/./}',
  'progress=/tmp/.consumer-progress-$$',
  'resume=(); crashed=; status=0',
  `for (( restart = 0; restart <= ${MAX_RESTARTS}; restart++ )); do`,
  '  left=$(( phase_ms - (${EPOCHREALTIME/./} - t0) / 1000 / speed ))',
  '  "$@" "$phase_ms" "$left" "${resume[@]}" 3>"$progress"',
  '  status=$?',
  '  last=',
  '  while IFS= read -r line; do last=$line; done < "$progress"',
  '  [ "$last" = done ] && break',
  '  [ "$left" -gt 0 ] || break',
  '  [[ $last =~ ^(0|[1-9][0-9]{0,5})\\ (0|[1-9][0-9]{0,8})$ ]] || break',
  '  crashed=${crashed:+$crashed,}${BASH_REMATCH[2]}',
  '  resume=( "$(( BASH_REMATCH[1] + 1 ))" "$crashed" )',
  'done',
  'exit "$status"',
].join('\n');

/** import: load the package both ways; execute: load it, then call what it exposes and run its bins, under the supervisor. */
export function consumerCommand(phase: Exclude<PhaseName, 'install'>, packageName: string, timeoutSeconds: number): string[] {
  const consumer = ['node', APP_ENTRY, phase, PROJECT_DIR, packageName];
  return phase === 'execute' ? ['bash', '-c', SUPERVISOR_SCRIPT, 'app', String(timeoutSeconds), ...consumer] : consumer;
}
