/**
 * The bait of one run (pure given a random source and an RSA key): fake
 * credentials in the places a thief looks (home files, the project's
 * `.env`, the environment), the key-shaped strings the execute phase hands
 * to calls, and the list of tokens the exfiltration detector searches
 * traffic for. Every value is random per run.
 */
import path from 'node:path';
import { createCallSecrets, type CallSecrets } from './call-secrets.js';
import { githubActionsJob, githubIdentity } from './github-actions-env.js';
import { openSshPrivateKey, openSshPublicKey, type RsaJwk } from './openssh-private-key.js';
import { projectCheckout } from './project-checkout.js';
import { randomBelow, type RandomSource } from './random-source.js';
import * as formats from './token-formats.js';

/** A secret planted in the sandbox. `id` is stable (e.g. `npm-token`); `value` is what to look for. */
export interface Honeytoken {
  readonly id: string;
  readonly label: string;
  readonly value: string;
}

export interface HomeFile {
  /** Relative to the sandbox user's home (the project's files too: it is below the home). */
  readonly path: string;
  readonly content: string;
  readonly mode: number;
  /** Honeytokens the file holds (reading it is touching them). */
  readonly tokens: readonly string[];
}

export interface Honeytokens {
  /** The planted secrets: reading, staging, handing on or sending one is the package's doing alone. */
  readonly tokens: readonly Honeytoken[];
  readonly files: readonly HomeFile[];
  /** Empty folders to make, relative to the home (those of the project's `.git`). */
  readonly dirs: readonly string[];
  /** `NAME=value` lines for the sandbox environment (secrets and the CI job's variables). */
  readonly env: readonly string[];
  /**
   * What the execute phase hands to calls as key-shaped arguments: only
   * sending one out is a finding (callSecretTokens), a call may keep them or
   * pass them to a program as its caller asked.
   */
  readonly callSecrets: CallSecrets;
}

export interface HoneytokenOptions {
  readonly random: RandomSource;
  /** The registry the ~/.npmrc token is for, e.g. npm's default registry URL (taken at run time). */
  readonly registryUrl: string;
  readonly rsaKey: RsaJwk;
  readonly user: string;
  readonly hostname: string;
  /** The runner's home (the files of the CI job live below it). */
  readonly homeDir: string;
  /** The project folder, for GITHUB_WORKSPACE. */
  readonly workspace: string;
}

/** `//host/path/:_authToken=` key of an .npmrc for a registry URL. */
export function npmrcAuthKey(registryUrl: string): string {
  const url = new URL(registryUrl);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `//${url.host}${path}:_authToken`;
}

/**
 * The private part of the key's text: the last half of its base64 body (the
 * first part is the fixed header and the public key, shared with id_rsa.pub).
 */
function privateKeyNeedle(keyText: string): string {
  const body = keyText.split('\n').filter((line) => line !== '' && !line.startsWith('-----')).join('');
  return body.slice(Math.floor(body.length / 2));
}

export function createHoneytokens(options: HoneytokenOptions): Honeytokens {
  const { random } = options;
  const identity = githubIdentity(random);
  const t = {
    npm: formats.npmToken(random),
    npmEnv: formats.npmToken(random),
    github: formats.githubActionsToken(random),
    gitCredentials: formats.githubPersonalToken(random),
    awsId: formats.awsAccessKeyId(random),
    awsSecret: formats.awsSecretAccessKey(random),
    awsFileId: formats.awsAccessKeyId(random),
    awsFileSecret: formats.awsSecretAccessKey(random),
    docker: formats.dockerAccessToken(random),
    dotenvNpm: formats.npmToken(random),
    dotenvAwsId: formats.awsAccessKeyId(random),
    dotenvAwsSecret: formats.awsSecretAccessKey(random),
    dotenvDatabase: formats.databasePassword(random),
  };
  const job = githubActionsJob(random, identity, options.homeDir, options.workspace);
  const checkout = projectCheckout(identity, path.posix.relative(options.homeDir, options.workspace), {
    npmToken: t.dotenvNpm,
    awsAccessKeyId: t.dotenvAwsId,
    awsSecretAccessKey: t.dotenvAwsSecret,
    databasePassword: t.dotenvDatabase,
  });
  const callSecrets = createCallSecrets(random);
  const comment = `${options.user}@${options.hostname}`;
  const sshKey = openSshPrivateKey(options.rsaKey, comment, randomBelow(random, 0xffff_ffff));
  const dockerRegistry = `registry.${identity.owner}.internal`;
  const files: HomeFile[] = [
    { path: '.npmrc', content: `${npmrcAuthKey(options.registryUrl)}=${t.npm}\n`, mode: 0o600, tokens: ['npm-token'] },
    { path: '.ssh/id_rsa', content: sshKey, mode: 0o600, tokens: ['ssh-private-key'] },
    { path: '.ssh/id_rsa.pub', content: openSshPublicKey(options.rsaKey, comment), mode: 0o644, tokens: [] },
    {
      path: '.aws/credentials',
      content: `[default]\naws_access_key_id = ${t.awsFileId}\naws_secret_access_key = ${t.awsFileSecret}\n`,
      mode: 0o600,
      tokens: ['aws-credentials-key-id', 'aws-credentials-secret'],
    },
    { path: '.aws/config', content: '[default]\nregion = us-east-1\noutput = json\n', mode: 0o644, tokens: [] },
    {
      path: '.docker/config.json',
      content: `${JSON.stringify({ auths: { [dockerRegistry]: { auth: Buffer.from(`ci-${identity.owner}:${t.docker}`).toString('base64') } } }, null, '\t')}\n`,
      mode: 0o600,
      tokens: ['docker-token'],
    },
    { path: '.git-credentials', content: `https://${identity.actor}:${t.gitCredentials}@github.com\n`, mode: 0o600, tokens: ['git-credentials-token'] },
    {
      path: '.gitconfig',
      content: `[user]\n\tname = ${identity.actor}\n\temail = ${identity.actor}@users.noreply.github.com\n[credential]\n\thelper = store\n`,
      mode: 0o644,
      tokens: [],
    },
    ...job.files.map((file) => ({ ...file, mode: 0o644, tokens: [] })),
    ...checkout.files.map((file) => ({
      ...file,
      mode: 0o644,
      tokens: file.path === checkout.dotenv ? ['dotenv-database-password', 'dotenv-npm-token', 'dotenv-aws-access-key-id', 'dotenv-aws-secret-access-key'] : [],
    })),
  ];
  const tokens: Honeytoken[] = [
    { id: 'npm-token', label: 'npm token in ~/.npmrc', value: t.npm },
    { id: 'npm-token-env', label: 'NPM_TOKEN environment variable', value: t.npmEnv },
    { id: 'github-token', label: 'GITHUB_TOKEN environment variable', value: t.github },
    { id: 'aws-access-key-id', label: 'AWS_ACCESS_KEY_ID environment variable', value: t.awsId },
    { id: 'aws-secret-access-key', label: 'AWS_SECRET_ACCESS_KEY environment variable', value: t.awsSecret },
    { id: 'aws-credentials-key-id', label: 'aws_access_key_id in ~/.aws/credentials', value: t.awsFileId },
    { id: 'aws-credentials-secret', label: 'aws_secret_access_key in ~/.aws/credentials', value: t.awsFileSecret },
    { id: 'ssh-private-key', label: 'SSH private key ~/.ssh/id_rsa', value: privateKeyNeedle(sshKey) },
    { id: 'docker-token', label: 'registry token in ~/.docker/config.json', value: t.docker },
    { id: 'git-credentials-token', label: 'GitHub token in ~/.git-credentials', value: t.gitCredentials },
    { id: 'dotenv-database-password', label: "database password in DATABASE_URL of the project's .env", value: t.dotenvDatabase },
    { id: 'dotenv-npm-token', label: "NPM_TOKEN in the project's .env", value: t.dotenvNpm },
    { id: 'dotenv-aws-access-key-id', label: "AWS_ACCESS_KEY_ID in the project's .env", value: t.dotenvAwsId },
    { id: 'dotenv-aws-secret-access-key', label: "AWS_SECRET_ACCESS_KEY in the project's .env", value: t.dotenvAwsSecret },
  ];
  const env = [
    `NPM_TOKEN=${t.npmEnv}`,
    `GITHUB_TOKEN=${t.github}`,
    `AWS_ACCESS_KEY_ID=${t.awsId}`,
    `AWS_SECRET_ACCESS_KEY=${t.awsSecret}`,
    'AWS_DEFAULT_REGION=us-east-1',
    ...job.env,
  ];
  return { tokens, files, dirs: checkout.dirs, env, callSecrets };
}
