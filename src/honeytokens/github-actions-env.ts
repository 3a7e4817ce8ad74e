/**
 * The variables a GitHub-hosted runner sets for a job, and the files they
 * point at (pure given a random source), so that code gating on "am I in
 * CI?" takes its CI path and finds what a real job has: the file-command
 * files (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STATE,
 * GITHUB_STEP_SUMMARY, empty at the start of a step, as on a runner) and the
 * event payload (GITHUB_EVENT_PATH) under RUNNER_TEMP. The runner's basics
 * (CI, RUNNER_OS, RUNNER_TEMP, HOME, …) are in sandbox-environment.ts;
 * secrets are in create-honeytokens.ts.
 */
import { DIGITS, HEX, pick, randomBelow, randomString, type RandomSource } from './random-source.js';

const OWNERS = ['northwind-labs', 'acme-platform', 'bluefin-io', 'orbital-apps', 'kestrel-dev', 'tidewater-eng'];
const REPOS = ['web-app', 'api-server', 'checkout-service', 'dashboard', 'billing', 'mobile-backend'];
const ACTORS = ['dependabot[bot]', 'jmartinez', 'a-chen', 'priya-k', 'tobias-w', 'mkowalski'];
const WORKFLOWS = ['CI', 'Build and test', 'ci', 'Test'];
const COMMIT_MESSAGES = ['Bump dependencies', 'Fix flaky test', 'Add pagination to list endpoint', 'Update README', 'Refactor config loading'];

/** The runner's temporary folder below the home (RUNNER_TEMP), and the job's files in it. */
const RUNNER_TEMP_IN_HOME = 'work/_temp';
const FILE_COMMANDS = [
  ['GITHUB_ENV', 'set_env'],
  ['GITHUB_OUTPUT', 'set_output'],
  ['GITHUB_PATH', 'add_path'],
  ['GITHUB_STATE', 'save_state'],
  ['GITHUB_STEP_SUMMARY', 'step_summary'],
] as const;

export interface GithubIdentity {
  readonly owner: string;
  readonly repository: string;
  readonly actor: string;
}

/** A file of the job, relative to the runner's home. */
interface JobFile {
  readonly path: string;
  readonly content: string;
}

export interface GithubJob {
  /** `NAME=value` lines. */
  readonly env: readonly string[];
  readonly files: readonly JobFile[];
}

export function githubIdentity(random: RandomSource): GithubIdentity {
  return { owner: pick(random, OWNERS), repository: pick(random, REPOS), actor: pick(random, ACTORS.slice(1)) };
}

function uuid(random: RandomSource): string {
  const hex = randomString(random, HEX, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[randomBelow(random, 4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function pushEvent(identity: GithubIdentity, sha: string, before: string, message: string): string {
  const repository = `${identity.owner}/${identity.repository}`;
  const person = { name: identity.actor, email: `${identity.actor}@users.noreply.github.com`, username: identity.actor };
  const commit = { id: sha, tree_id: before.split('').reverse().join(''), distinct: true, message, timestamp: '2026-11-30T16:42:07Z', author: person, committer: person };
  const event = {
    ref: 'refs/heads/main',
    before,
    after: sha,
    created: false,
    deleted: false,
    forced: false,
    compare: `https://github.com/${repository}/compare/${before.slice(0, 12)}...${sha.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
    pusher: { name: identity.actor, email: person.email },
    repository: { name: identity.repository, full_name: repository, private: true, owner: { login: identity.owner, type: 'Organization' }, default_branch: 'main' },
    sender: { login: identity.actor, type: 'User' },
  };
  return `${JSON.stringify(event, null, 2)}\n`;
}

/** The job's variables and files; `homeDir` is the runner's home, `workspace` the checked-out project. */
export function githubActionsJob(random: RandomSource, identity: GithubIdentity, homeDir: string, workspace: string): GithubJob {
  const repository = `${identity.owner}/${identity.repository}`;
  const runId = `${randomBelow(random, 9) + 1}${randomString(random, DIGITS, 9)}`;
  const sha = randomString(random, HEX, 40);
  const before = randomString(random, HEX, 40);
  const commandFiles = FILE_COMMANDS.map(([name, prefix]) => ({ name, path: `${RUNNER_TEMP_IN_HOME}/_runner_file_commands/${prefix}_${uuid(random)}` }));
  const eventFile = `${RUNNER_TEMP_IN_HOME}/_github_workflow/event.json`;
  const env = [
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
    `GITHUB_EVENT_PATH=${homeDir}/${eventFile}`,
    'GITHUB_REF=refs/heads/main',
    'GITHUB_REF_NAME=main',
    'GITHUB_REF_TYPE=branch',
    `GITHUB_SHA=${sha}`,
    `GITHUB_WORKSPACE=${workspace}`,
    'GITHUB_SERVER_URL=https://github.com',
    'GITHUB_API_URL=https://api.github.com',
    'GITHUB_GRAPHQL_URL=https://api.github.com/graphql',
    'GITHUB_RETENTION_DAYS=90',
    ...commandFiles.map(({ name, path }) => `${name}=${homeDir}/${path}`),
    `RUNNER_NAME=GitHub Actions ${randomBelow(random, 90) + 2}`,
    'RUNNER_ENVIRONMENT=github-hosted',
    'RUNNER_TOOL_CACHE=/opt/hostedtoolcache',
    `RUNNER_WORKSPACE=${workspace.replace(/\/[^/]+$/, '')}`,
    `RUNNER_TRACKING_ID=github_${uuid(random)}`,
    'ImageOS=ubuntu24',
    `ImageVersion=20261124.${randomBelow(random, 9) + 1}.0`,
  ];
  const files = [
    ...commandFiles.map(({ path }) => ({ path, content: '' })),
    { path: eventFile, content: pushEvent(identity, sha, before, pick(random, COMMIT_MESSAGES)) },
  ];
  return { env, files };
}
