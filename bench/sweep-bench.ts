/**
 * `npm run bench:sweep`: the nightly sweep on bench/app (a real lockfile of
 * 500+ packages), watch off (its new releases would be the live registry's,
 * not the bench's), each with the same store:
 *   (1) cold: an empty store;
 *   (2) again, nothing changed: every package from the store;
 *   (3) again after 5 packages moved to another version that every
 *       dependant's declared range accepts (leaf packages, versions and
 *       integrities from the registry): those analyzed, the rest stored.
 * Prints the times and their ratios to (1). Nothing here is asserted.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { buildConfig } from '../src/common/config.js';
import type { SweepReport } from '../src/report/sweep-model.js';
import { createPacoteClient } from '../src/resolve/registry-client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHANGED = 5;
type Entry = { version: string; resolved?: string; integrity?: string; dependencies?: Record<string, string>; hasInstallScript?: boolean } & Record<string, unknown>;

function sweep(file: string, store: string): Promise<{ ms: number; code: number | null; report: SweepReport }> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'cli', 'main.js'), 'sweep', file, '--format', 'json', '--store', store], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Date.now() - start, code, report: JSON.parse(stdout) as SweepReport }));
  });
}

/** Every range declared for `name` anywhere in the lockfile (the project's and every package's). */
function rangesFor(packages: Record<string, Entry>, name: string): string[] {
  const fields = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
  return Object.values(packages).flatMap((entry) => fields.map((field) => (entry[field] as Record<string, string> | undefined)?.[name]).filter((range): range is string => range !== undefined));
}

/** Moves up to CHANGED leaf packages to the highest version every dependant accepts that the lockfile has nowhere yet. */
async function changePackages(lock: { packages: Record<string, Entry> }, workDir: string): Promise<string[]> {
  const config = buildConfig(process.env);
  const client = createPacoteClient({ cacheDir: path.join(workDir, 'cache'), ...(config.registry ? { registry: config.registry } : {}) });
  const changed: string[] = [];
  const leaves = Object.keys(lock.packages).filter((location) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(location)).sort();
  for (const location of leaves) {
    const entry = lock.packages[location]!;
    const name = location.slice('node_modules/'.length);
    if (changed.length >= CHANGED || entry.dependencies || entry.hasInstallScript || name.startsWith('@types/')) continue;
    const ranges = rangesFor(lock.packages, name);
    const present = new Set(Object.entries(lock.packages).filter(([key]) => key.endsWith(`node_modules/${name}`)).map(([, other]) => other.version));
    const packument = await client.packument(name);
    const candidates = Object.keys(packument.versions).filter(
      (version) => !present.has(version) && !packument.versions[version]?.deprecated && semver.valid(version) && !semver.prerelease(version) && ranges.every((range) => semver.satisfies(version, range)),
    );
    const version = semver.rsort(candidates)[0];
    if (!version) continue;
    const manifest = await client.manifest(`${name}@${version}`);
    lock.packages[location] = { ...entry, version, integrity: manifest.integrity, resolved: entry.resolved?.replace(`-${entry.version}.tgz`, `-${version}.tgz`) };
    changed.push(`${name} ${entry.version} -> ${version}`);
  }
  return changed;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-sweep-bench-'));
try {
  await mkdir(path.join(work, 'app'));
  await copyFile(path.join(root, 'bench', 'app', 'package.json'), path.join(work, 'app', 'package.json'));
  const lockfile = path.join(work, 'app', 'package-lock.json');
  const text = await readFile(path.join(root, 'bench', 'app', 'package-lock.json'), 'utf8');
  await writeFile(lockfile, text);
  const file = path.join(work, 'sweep.yaml');
  await writeFile(file, 'projects:\n  - name: app\n    lockfile: app/package-lock.json\nwatch: false\n');
  const store = path.join(work, 'results.sqlite');
  const line = (label: string, run: Awaited<ReturnType<typeof sweep>>, cold?: number): string => {
    const s = run.report.summary;
    const ratio = cold === undefined ? '' : ` (${(run.ms / cold).toFixed(3)} of cold)`;
    return `${label}: ${(run.ms / 1000).toFixed(1)} s${ratio}; exit ${run.code}; ${s.packages} packages, ${s.analyzed} analyzed, ${s.cached} from the store, ${s.error} error(s)`;
  };
  const cold = await sweep(file, store);
  process.stdout.write(`${line('(1) cold', cold)}\n`);
  const same = await sweep(file, store);
  process.stdout.write(`${line('(2) nothing changed', same, cold.ms)}\n`);
  const lock = JSON.parse(text) as { packages: Record<string, Entry> };
  const changed = await changePackages(lock, work);
  await writeFile(lockfile, `${JSON.stringify(lock, null, 2)}\n`);
  const five = await sweep(file, store);
  const newVersions = five.report.projects[0]?.changes?.newVersions.length ?? 0;
  process.stdout.write(`${line(`(3) ${changed.length} changed`, five, cold.ms)}; ${newVersions} new version(s) reported: ${changed.join(', ')}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
