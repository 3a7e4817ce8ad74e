/**
 * Parsed policy files kept between runs: reading and validating the default
 * policy (yaml, ajv) takes about 0.4 s, reading its entry a millisecond.
 * One entry per policy file, holding its key (a hash of the analyzer build,
 * the file's path and its text) and a digest of itself: a changed file, another
 * analyzer build, or an entry that is not what was written is parsed
 * again. Only files that passed validation are kept. A parsed file is plain
 * JSON, so it comes back equal: the schema admits only strings, integers,
 * booleans, lists and mappings (a RegExp or a function would not survive).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PolicyFile } from './policy-types.js';

export interface PolicyCache {
  /** Folder of the entries. */
  readonly dir: string;
  /** The analyzer build (analyzerVersion): its entries only. */
  readonly analyzer: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function entryPath(cache: PolicyCache, file: string): string {
  return path.join(cache.dir, `${sha256(path.resolve(file)).slice(0, 32)}.json`);
}

/** The file's name as given, not resolved: a parse names its file so (in allowlist entries). */
function keyOf(cache: PolicyCache, file: string, text: string): string {
  return sha256([cache.analyzer, file, text].join('\0'));
}

/** The parsed file when the cache holds this text of it, for this analyzer; anything else (absent, stale, corrupt) is undefined. */
export async function cachedPolicy(cache: PolicyCache, file: string, text: string): Promise<PolicyFile | undefined> {
  try {
    const entry = await readFile(entryPath(cache, file), 'utf8');
    const newline = entry.indexOf('\n');
    const body = entry.slice(newline + 1);
    if (newline < 0 || entry.slice(0, newline) !== sha256(body)) return undefined;
    const { key, policy } = JSON.parse(body) as { key: string; policy: PolicyFile };
    return key === keyOf(cache, file, text) ? policy : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a validated parse (atomically: a reader sees the old entry or the new one); a cache that cannot be written costs the next run a parse, nothing more. */
export async function keepPolicy(cache: PolicyCache, file: string, text: string, policy: PolicyFile): Promise<void> {
  const body = JSON.stringify({ key: keyOf(cache, file, text), policy });
  const target = entryPath(cache, file);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(cache.dir, { recursive: true });
    await writeFile(temp, `${sha256(body)}\n${body}`);
    await rename(temp, target);
  } catch {
    // A folder that cannot be made or written: the temp file goes too, if it was made at all.
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
