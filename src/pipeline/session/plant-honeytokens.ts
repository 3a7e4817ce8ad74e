/**
 * The run's bait, made on the host: honeytokens (a fresh RSA key, tokens,
 * CI variables) and a temporary folder holding the home files (the
 * project's .git and .env among them, the project being below the home),
 * to be copied into the sandbox's home before the install. The registry of the ~/.npmrc
 * token is the one the run resolves from (npm's default unless configured).
 */
import { generateKeyPair } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createHoneytokens, cryptoRandom, type Honeytokens, type RsaJwk } from '../../honeytokens/index.js';
import { defaultRegistryUrl } from '../../resolve/index.js';
import { HOME_DIR, PROJECT_DIR, RUNNER_USER } from '../../sandbox/sandbox-layout.js';

export interface PlantedHoneytokens extends AsyncDisposable {
  readonly honeytokens: Honeytokens;
  /** Host folder with the home files (dot files, .ssh, .aws, …). */
  readonly homeDir: string;
}

async function rsaKey(): Promise<RsaJwk> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'jwk' }) as unknown as RsaJwk;
}

/** `hostname`: the sandbox's (sandboxOptions), which the SSH key's comment names. */
export async function plantHoneytokens(options: { readonly workDir: string; readonly hostname: string; readonly registry?: string }): Promise<PlantedHoneytokens> {
  const { hostname } = options;
  const key = rsaKey();
  const honeytokens = createHoneytokens({
    random: cryptoRandom,
    registryUrl: options.registry ?? defaultRegistryUrl(),
    rsaKey: await key,
    user: RUNNER_USER,
    hostname,
    homeDir: HOME_DIR,
    workspace: PROJECT_DIR,
  });
  await mkdir(options.workDir, { recursive: true });
  const homeDir = await mkdtemp(path.join(options.workDir, 'home-'));
  const dispose = (): Promise<void> => rm(homeDir, { recursive: true, force: true });
  try {
    await chmod(homeDir, 0o750);
    for (const file of honeytokens.files) {
      const target = path.join(homeDir, file.path);
      const dir = path.dirname(target);
      await mkdir(dir, { recursive: true, mode: file.path.startsWith('.ssh/') || file.path.startsWith('.docker/') ? 0o700 : 0o755 });
      await writeFile(target, file.content, { mode: file.mode });
      await chmod(target, file.mode);
    }
    for (const dir of honeytokens.dirs) await mkdir(path.join(homeDir, dir), { recursive: true, mode: 0o755 });
  } catch (error) {
    await dispose();
    throw error;
  }
  return { honeytokens, homeDir, [Symbol.asyncDispose]: dispose };
}
