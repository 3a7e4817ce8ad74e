/**
 * The environment of the sandbox: a plausible CI runner, and npm settings
 * that make every lifecycle script run from the offline cache whatever the
 * npm version's script-approval defaults are.
 */
import { randomInt } from 'node:crypto';
import { HOME_DIR, NPM_CACHE_DIR, RUNNER_USER } from './sandbox-layout.js';

export function runnerHostname(): string {
  return `fv-az${randomInt(100, 999)}-${randomInt(100, 999)}`;
}

/** The variables of the sandbox container, the same in every run (a run's own come with its phases: StartedSandbox.setRunEnvironment). */
export function containerEnvironment(): string[] {
  return [
    `HOME=${HOME_DIR}`,
    `USER=${RUNNER_USER}`,
    `LOGNAME=${RUNNER_USER}`,
    'SHELL=/bin/bash',
    'LANG=C.UTF-8',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'CI=true',
    `RUNNER_TEMP=${HOME_DIR}/work/_temp`,
    'RUNNER_OS=Linux',
    'RUNNER_ARCH=X64',
    `npm_config_cache=${NPM_CACHE_DIR}`,
    'npm_config_nodedir=/usr/local',
    'npm_config_update_notifier=false',
    'npm_config_audit=false',
    'npm_config_fund=false',
    'npm_config_ignore_scripts=false',
    'npm_config_strict_allow_scripts=false',
    'npm_config_dangerously_allow_all_scripts=true',
    // Scripts write straight to the phase's (capped) output instead of npm buffering it all in memory.
    'npm_config_foreground_scripts=true',
  ];
}
