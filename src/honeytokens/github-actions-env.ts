/**
 * The variables a GitHub-hosted runner sets for a job (pure given a random
 * source), so that code gating on "am I in CI?" takes its CI path. The
 * runner's basics (CI, RUNNER_OS, HOME, …) are in sandbox-environment.ts;
 * secrets are in create-honeytokens.ts.
 */
import { DIGITS, HEX, pick, randomBelow, randomString, type RandomSource } from './random-source.js';

const OWNERS = ['northwind-labs', 'acme-platform', 'bluefin-io', 'orbital-apps', 'kestrel-dev', 'tidewater-eng'];
const REPOS = ['web-app', 'api-server', 'checkout-service', 'dashboard', 'billing', 'mobile-backend'];
const ACTORS = ['dependabot[bot]', 'jmartinez', 'a-chen', 'priya-k', 'tobias-w', 'mkowalski'];
const WORKFLOWS = ['CI', 'Build and test', 'ci', 'Test'];

export interface GithubIdentity {
  readonly owner: string;
  readonly repository: string;
  readonly actor: string;
}

export function githubIdentity(random: RandomSource): GithubIdentity {
  return { owner: pick(random, OWNERS), repository: pick(random, REPOS), actor: pick(random, ACTORS.slice(1)) };
}

export function githubActionsEnvironment(random: RandomSource, identity: GithubIdentity, workspace: string): string[] {
  const repository = `${identity.owner}/${identity.repository}`;
  const runId = `${randomBelow(random, 9) + 1}${randomString(random, DIGITS, 9)}`;
  return [
    'GITHUB_ACTIONS=true',
    `GITHUB_WORKFLOW=${pick(random, WORKFLOWS)}`,
    `GITHUB_RUN_ID=${runId}`,
    `GITHUB_RUN_NUMBER=${randomBelow(random, 4000) + 12}`,
    'GITHUB_RUN_ATTEMPT=1',
    'GITHUB_JOB=build',
    'GITHUB_ACTION=__run_2',
    `GITHUB_ACTOR=${identity.actor}`,
    `GITHUB_TRIGGERING_ACTOR=${identity.actor}`,
    `GITHUB_REPOSITORY=${repository}`,
    `GITHUB_REPOSITORY_OWNER=${identity.owner}`,
    'GITHUB_EVENT_NAME=push',
    'GITHUB_REF=refs/heads/main',
    'GITHUB_REF_NAME=main',
    'GITHUB_REF_TYPE=branch',
    `GITHUB_SHA=${randomString(random, HEX, 40)}`,
    `GITHUB_WORKSPACE=${workspace}`,
    'GITHUB_SERVER_URL=https://github.com',
    'GITHUB_API_URL=https://api.github.com',
    'GITHUB_GRAPHQL_URL=https://api.github.com/graphql',
    `RUNNER_NAME=GitHub Actions ${randomBelow(random, 90) + 2}`,
    'RUNNER_ENVIRONMENT=github-hosted',
    'RUNNER_TOOL_CACHE=/opt/hostedtoolcache',
    `RUNNER_WORKSPACE=${workspace.replace(/\/[^/]+$/, '')}`,
  ];
}
