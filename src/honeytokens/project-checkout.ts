/**
 * What the project folder holds besides the package, as in a developer's
 * or a CI job's checkout (pure): a `.git` folder (an empty repository on
 * branch main whose origin is the job's GitHub repository, as
 * actions/checkout leaves it, without the commit) and a `.env` of the
 * app's secrets (honeytokens: an npm token, an AWS key pair, a database
 * password in DATABASE_URL). Paths are relative to the runner's home.
 */
import type { GithubIdentity } from './github-actions-env.js';

export interface CheckoutSecrets {
  readonly npmToken: string;
  readonly awsAccessKeyId: string;
  readonly awsSecretAccessKey: string;
  readonly databasePassword: string;
}

export interface ProjectCheckout {
  readonly files: readonly { readonly path: string; readonly content: string }[];
  /** Empty folders git needs to see a repository. */
  readonly dirs: readonly string[];
  /** The `.env` file's path. */
  readonly dotenv: string;
}

const EXCLUDE = `# git ls-files --others --exclude-from=.git/info/exclude
# Lines that start with '#' are comments.
# For a project mostly in C, the following would be a good set of
# exclude patterns (uncomment them if you want to use them):
# *.[oa]
# *~
`;

/** `projectInHome`: the project folder relative to the home, e.g. `work/app`. */
export function projectCheckout(identity: GithubIdentity, projectInHome: string, secrets: CheckoutSecrets): ProjectCheckout {
  const git = `${projectInHome}/.git`;
  const config = [
    '[core]',
    '\trepositoryformatversion = 0',
    '\tfilemode = true',
    '\tbare = false',
    '\tlogallrefupdates = true',
    '[remote "origin"]',
    `\turl = https://github.com/${identity.owner}/${identity.repository}`,
    '\tfetch = +refs/heads/*:refs/remotes/origin/*',
    '[branch "main"]',
    '\tremote = origin',
    '\tmerge = refs/heads/main',
    '',
  ].join('\n');
  const database = `postgres://${identity.repository.replace(/-/g, '_')}:${secrets.databasePassword}@db.${identity.owner}.internal:5432/${identity.repository.replace(/-/g, '_')}`;
  const dotenv = [
    'NODE_ENV=production',
    'PORT=3000',
    `DATABASE_URL=${database}`,
    `NPM_TOKEN=${secrets.npmToken}`,
    `AWS_ACCESS_KEY_ID=${secrets.awsAccessKeyId}`,
    `AWS_SECRET_ACCESS_KEY=${secrets.awsSecretAccessKey}`,
    'AWS_REGION=us-east-1',
    '',
  ].join('\n');
  return {
    files: [
      { path: `${git}/HEAD`, content: 'ref: refs/heads/main\n' },
      { path: `${git}/config`, content: config },
      { path: `${git}/description`, content: "Unnamed repository; edit this file 'description' to name the repository.\n" },
      { path: `${git}/info/exclude`, content: EXCLUDE },
      { path: `${projectInHome}/.env`, content: dotenv },
    ],
    dirs: [`${git}/objects/info`, `${git}/objects/pack`, `${git}/refs/heads`, `${git}/refs/tags`],
    dotenv: `${projectInHome}/.env`,
  };
}
