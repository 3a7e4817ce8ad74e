import test from 'ava';
import { ciVariableNames, DEVELOPER_DAYS_AHEAD, looksLikeDeveloper } from '../../../src/sandbox/developer-machine.js';
import { DAYS_AHEAD } from '../../../src/sandbox/time-acceleration.js';

test('the CI job\'s variables are what is-ci and ci-info read, the GitHub token is a developer\'s secret too', (t) => {
  const env = ['HOME=/home/runner', 'CI=true', 'GITHUB_ACTIONS=true', 'GITHUB_TOKEN=ghp_x', 'GITHUB_SHA=abc', 'RUNNER_OS=Linux', 'NPM_TOKEN=npm_x', 'ImageOS=ubuntu24', 'ImageVersion=1', 'ACTIONS_RUNTIME_URL=x', 'CIRCLE=no'];
  t.deepEqual(ciVariableNames(env), ['CI', 'GITHUB_ACTIONS', 'GITHUB_SHA', 'RUNNER_OS', 'ImageOS', 'ImageVersion', 'ACTIONS_RUNTIME_URL']);
});

test('one of the dated loadings looks like a developer\'s machine, the others and today like CI', (t) => {
  t.true(DAYS_AHEAD.includes(DEVELOPER_DAYS_AHEAD));
  t.deepEqual(DAYS_AHEAD.filter((daysAhead) => looksLikeDeveloper({ daysAhead })), [DEVELOPER_DAYS_AHEAD]);
  t.false(looksLikeDeveloper({ daysAhead: 0 }));
  t.false(looksLikeDeveloper(undefined));
});
