import test from 'ava';
import { createHoneytokens, npmrcAuthKey, type HoneytokenOptions } from '../../../src/honeytokens/create-honeytokens.js';
import { hasValidChecksum } from '../../../src/honeytokens/token-formats.js';
import { seededRandom, testRsaKey } from './helpers.js';

const REGISTRY = 'https://registry.dynaudit-test.example/';

function options(seed: string): HoneytokenOptions {
  return { random: seededRandom(seed), registryUrl: REGISTRY, rsaKey: testRsaKey(), user: 'runner', hostname: 'fv-az123-456', homeDir: '/home/runner', workspace: '/home/runner/work/app' };
}

const file = (set: ReturnType<typeof createHoneytokens>, path: string) => set.files.find((entry) => entry.path === path);
const token = (set: ReturnType<typeof createHoneytokens>, id: string) => set.tokens.find((entry) => entry.id === id)?.value ?? '';

test('the .npmrc holds an auth token line for the registry the run uses', (t) => {
  const set = createHoneytokens(options('npmrc'));
  t.is(file(set, '.npmrc')?.content, `//registry.dynaudit-test.example/:_authToken=${token(set, 'npm-token')}\n`);
  t.is(file(set, '.npmrc')?.mode, 0o600);
  t.true(hasValidChecksum(token(set, 'npm-token')));
  t.is(npmrcAuthKey('https://npm.dynaudit-test.example/mirror'), '//npm.dynaudit-test.example/mirror/:_authToken');
});

test('credentials files hold the tokens the detector searches for', (t) => {
  const set = createHoneytokens(options('files'));
  t.true(file(set, '.aws/credentials')?.content.includes(`aws_access_key_id = ${token(set, 'aws-credentials-key-id')}`));
  t.true(file(set, '.aws/credentials')?.content.includes(`aws_secret_access_key = ${token(set, 'aws-credentials-secret')}`));
  t.true(file(set, '.git-credentials')?.content.includes(`:${token(set, 'git-credentials-token')}@`));
  const docker = JSON.parse(file(set, '.docker/config.json')?.content ?? '{}') as { auths: Record<string, { auth: string }> };
  const [auth] = Object.values(docker.auths);
  t.true(Buffer.from(auth?.auth ?? '', 'base64').toString().endsWith(`:${token(set, 'docker-token')}`));
  t.true(file(set, '.ssh/id_rsa')?.content.replace(/\n/g, '').includes(token(set, 'ssh-private-key')));
  t.is(file(set, '.ssh/id_rsa')?.mode, 0o600);
});

test('the SSH key token is the private half of the key, not the header every key shares', (t) => {
  const set = createHoneytokens(options('ssh'));
  t.false(token(set, 'ssh-private-key').startsWith('b3BlbnNzaC1rZXktdjE'));
  t.false(file(set, '.ssh/id_rsa.pub')?.content.includes(token(set, 'ssh-private-key').slice(0, 40)));
});

test('the environment carries NPM_TOKEN, GITHUB_TOKEN, AWS keys and the variables of a GitHub Actions job', (t) => {
  const set = createHoneytokens(options('env'));
  const env = new Map(set.env.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  t.is(env.get('NPM_TOKEN'), token(set, 'npm-token-env'));
  t.is(env.get('GITHUB_TOKEN'), token(set, 'github-token'));
  t.is(env.get('AWS_ACCESS_KEY_ID'), token(set, 'aws-access-key-id'));
  t.is(env.get('AWS_SECRET_ACCESS_KEY'), token(set, 'aws-secret-access-key'));
  t.is(env.get('GITHUB_ACTIONS'), 'true');
  t.regex(env.get('GITHUB_REPOSITORY') ?? '', /^[a-z-]+\/[a-z-]+$/);
  t.regex(env.get('GITHUB_SHA') ?? '', /^[0-9a-f]{40}$/);
  t.is(env.get('GITHUB_WORKSPACE'), '/home/runner/work/app');
  t.regex(env.get('RUNNER_NAME') ?? '', /^GitHub Actions \d+$/);
});

test('every GitHub Actions variable that names a file or folder names one the sandbox has', (t) => {
  const set = createHoneytokens(options('ci-files'));
  const env = new Map(set.env.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  const planted = new Set(set.files.map((entry) => `/home/runner/${entry.path}`));
  for (const name of ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY', 'GITHUB_EVENT_PATH']) {
    t.true(planted.has(env.get(name) ?? ''), `${name}=${env.get(name)}`);
    t.true(env.get(name)?.startsWith('/home/runner/work/_temp/'), name);
  }
  t.regex(env.get('GITHUB_ENV') ?? '', /\/_runner_file_commands\/set_env_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const event = JSON.parse(set.files.find((entry) => entry.path.endsWith('event.json'))?.content ?? '{}') as { after?: string; repository?: { full_name?: string } };
  t.is(event.after, env.get('GITHUB_SHA'));
  t.is(event.repository?.full_name, env.get('GITHUB_REPOSITORY'));
});

test('every token is distinct, so a leak names its source', (t) => {
  const set = createHoneytokens(options('distinct'));
  t.is(new Set(set.tokens.map((entry) => entry.value)).size, set.tokens.length);
  t.is(new Set(set.tokens.map((entry) => entry.id)).size, set.tokens.length);
});

test('two runs get different tokens', (t) => {
  const first = createHoneytokens(options('run-1'));
  const second = createHoneytokens(options('run-2'));
  t.notDeepEqual(first.tokens.map((entry) => entry.value), second.tokens.map((entry) => entry.value));
});
