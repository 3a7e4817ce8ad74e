/**
 * A sweep file (pure): the projects a nightly sweep checks, whether it
 * watches for new releases, and the policy it judges by. Paths are relative
 * to the file's folder. Anything unknown or malformed is E_SWEEP naming
 * the file and the key.
 *
 *   projects:
 *     - name: web
 *       lockfile: web/package-lock.json
 *       manifest: web/package.json   # optional: where the declared ranges are (default: package.json beside the lockfile)
 *   watch: true                      # or { transitive: 20, releases: 20 }
 *   policy: [team-policy.yaml]       # optional, layered over the default like --policy
 *   failOn: high                     # optional
 */
import path from 'node:path';
import { parse } from 'yaml';
import { DynauditError } from '../common/errors.js';
import { SEVERITIES, type Severity } from '../events/finding.js';

export interface SweepProject {
  readonly name: string;
  /** Absolute paths. */
  readonly lockfile: string;
  readonly manifest: string;
}

interface WatchSettings {
  readonly enabled: boolean;
  /** Transitive dependencies watched besides the direct ones, nearest first. */
  readonly transitive: number;
  /** New releases analyzed per project and sweep at most. */
  readonly releases: number;
}

export interface SweepConfig {
  /** The sweep file (absolute): history is kept per sweep file. */
  readonly file: string;
  readonly projects: readonly SweepProject[];
  readonly watch: WatchSettings;
  readonly policyFiles: readonly string[];
  readonly failOn?: Severity;
}

const DEFAULT_WATCH = { transitive: 20, releases: 20 } as const;
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown, key: string, fail: (problem: string) => never): number {
  if (!Number.isInteger(value) || (value as number) < 0) fail(`${key} must be a whole number (0 or more)`);
  return value as number;
}

function onlyKeys(record: Record<string, unknown>, allowed: readonly string[], where: string, fail: (problem: string) => never): void {
  const unknown = Object.keys(record).find((key) => !allowed.includes(key));
  if (unknown !== undefined) fail(`unknown key ${where}${unknown} (known: ${allowed.join(', ')})`);
}

function parseWatch(value: unknown, fail: (problem: string) => never): WatchSettings {
  if (value === undefined || value === false) return { enabled: false, ...DEFAULT_WATCH };
  if (value === true) return { enabled: true, ...DEFAULT_WATCH };
  if (!isRecord(value)) return fail('watch must be true, false or { transitive, releases }');
  onlyKeys(value, ['transitive', 'releases'], 'watch.', fail);
  return {
    enabled: true,
    transitive: value['transitive'] === undefined ? DEFAULT_WATCH.transitive : count(value['transitive'], 'watch.transitive', fail),
    releases: value['releases'] === undefined ? DEFAULT_WATCH.releases : count(value['releases'], 'watch.releases', fail),
  };
}

function parseProject(value: unknown, index: number, dir: string, fail: (problem: string) => never): SweepProject {
  const where = `projects[${index}]`;
  if (!isRecord(value)) return fail(`${where} must be a mapping with name and lockfile`);
  onlyKeys(value, ['name', 'lockfile', 'manifest'], `${where}.`, fail);
  const { name, lockfile, manifest } = value;
  if (typeof name !== 'string' || !PROJECT_NAME.test(name)) fail(`${where}.name must be letters, digits, ".", "_" or "-"`);
  if (typeof lockfile !== 'string' || lockfile === '') fail(`${where}.lockfile must be a path`);
  if (manifest !== undefined && (typeof manifest !== 'string' || manifest === '')) fail(`${where}.manifest must be a path`);
  const lockPath = path.resolve(dir, lockfile as string);
  return { name: name as string, lockfile: lockPath, manifest: path.resolve(dir, (manifest as string | undefined) ?? path.join(path.dirname(lockPath), 'package.json')) };
}

export function parseSweepConfig(text: string, file: string): SweepConfig {
  const fail = (problem: string): never => {
    throw new DynauditError('E_SWEEP', `invalid sweep file ${file}: ${problem}`);
  };
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return fail(`not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isRecord(document)) return fail('the top level must be a mapping with a projects list');
  onlyKeys(document, ['version', 'projects', 'watch', 'policy', 'failOn'], '', fail);
  if (document['version'] !== undefined && document['version'] !== 1) fail('version must be 1');
  const dir = path.dirname(path.resolve(file));
  const projects = document['projects'];
  if (!Array.isArray(projects) || projects.length === 0) fail('projects must be a list of at least one { name, lockfile }');
  const parsed = (projects as unknown[]).map((project, index) => parseProject(project, index, dir, fail));
  const names = parsed.map((project) => project.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) fail(`two projects are named "${twice}"`);
  const policy = document['policy'];
  const policies = policy === undefined ? [] : Array.isArray(policy) ? policy : [policy];
  if (!policies.every((entry): entry is string => typeof entry === 'string' && entry !== '')) fail('policy must be a path or a list of paths');
  const failOn = document['failOn'];
  if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) fail(`failOn must be one of ${SEVERITIES.join(', ')}`);
  return {
    file: path.resolve(file),
    projects: parsed,
    watch: parseWatch(document['watch'], fail),
    policyFiles: (policies as string[]).map((entry) => path.resolve(dir, entry)),
    ...(failOn !== undefined ? { failOn: failOn as Severity } : {}),
  };
}
