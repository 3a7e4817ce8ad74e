/**
 * One loading looks like a developer's machine instead of a CI job: a
 * payload that stays quiet in CI (is-ci, ci-info, `process.env.CI`, any
 * GITHUB_ or RUNNER_ variable) to hide from sandboxes that pose as one acts
 * there. It is the loading with the clock DEVELOPER_DAYS_AHEAD days ahead;
 * its traced command gets the sandbox's variables without the CI job's
 * (strace `-E NAME` takes a variable out). The home, its secrets and the
 * secrets' variables (GITHUB_TOKEN, NPM_TOKEN, AWS_…) stay: a developer
 * keeps tokens in the shell too.
 */
import type { PhaseClock } from './time-acceleration.js';

export const DEVELOPER_DAYS_AHEAD = 3;

/** Variables only a CI job has; the secrets among GITHUB_ variables are a developer's too. */
const CI_VARIABLE = /^(CI|GITHUB_(?!TOKEN$)\w+|RUNNER_\w+|ImageOS|ImageVersion|ACTIONS_\w+)$/;

export function looksLikeDeveloper(clock: PhaseClock | undefined): boolean {
  return clock?.daysAhead === DEVELOPER_DAYS_AHEAD;
}

/** The names of the CI job's variables among `env` (`NAME=value` lines): what a developer's shell would not have. */
export function ciVariableNames(env: readonly string[]): string[] {
  return env.map((line) => line.slice(0, line.indexOf('='))).filter((name) => CI_VARIABLE.test(name));
}
