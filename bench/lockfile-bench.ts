/**
 * `dynaudit lockfile` on bench/app/package-lock.json (a real lockfile of 500+
 * packages, made with `npm install --package-lock-only`) against a bare
 * install of it, in one run with the npm cache warm on both sides:
 *   (a) bare: `npm ci --offline` + require/import of every package
 *       (bare-load.mjs) in a plain container, the commands alone timed;
 *   (b) `dynaudit lockfile` cold (empty result store);
 *   (c) `dynaudit lockfile` warm (everything in the store).
 * Prints b/a (target 1.5) and c/a (target under 0.1).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildConfig } from '../src/common/config.js';
import { fetchPackages } from '../src/lockfile/fetch-packages.js';
import { readLockfileFile } from '../src/lockfile/read-lockfile.js';
import { buildInstallProject } from '../src/lockfile/write-install-project.js';
import { defaultRegistryUrl } from '../src/resolve/index.js';
import { sharedRegistryClient } from '../src/pipeline/registry-access.js';
import { exportTarballs } from '../src/resolve/cache-export.js';
import type { DockerEngine } from '../src/sandbox/docker-engine.js';
import { bareRun } from './lib/bare-container.js';
import { root, runDynaudit, seconds } from './lib/run-dynaudit.js';

export async function lockfileBench(engine: DockerEngine, image: string): Promise<string> {
  const config = buildConfig(process.env);
  const lockfile = path.join(root, 'bench', 'app', 'package-lock.json');
  const graph = await readLockfileFile(lockfile);
  process.stderr.write(`bench: ${lockfile}: ${graph.format}, ${graph.packages.length} packages\n`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-bench-lockfile-'));
  try {
    const fetched = await fetchPackages(graph.packages, { client: sharedRegistryClient(config), concurrency: 8 });
    if (fetched.failures.size > 0) throw new Error(`could not fetch ${[...fetched.failures.keys()].join(', ')}`);
    const cacheDir = path.join(work, 'npm-cache');
    await exportTarballs(fetched.integrity.values(), config.npmCacheDir, cacheDir);
    // The tree dynaudit installs (the same layout, `resolved` on the configured registry: the bench lockfile names no host), installed bare.
    const project = buildInstallProject(graph, { registry: config.registry ?? defaultRegistryUrl(), integrity: fetched.integrity });
    const bareApp = path.join(work, 'app');
    await mkdir(bareApp);
    await writeFile(path.join(bareApp, 'package.json'), JSON.stringify(project.packageJson, null, 2));
    await writeFile(path.join(bareApp, 'package-lock.json'), JSON.stringify(project.packageLock, null, 2));
    const script = 'cd app && npm ci --offline --no-audit --no-fund >/dev/null && node /home/runner/bench/bare-load.mjs /home/runner/app';
    const a = await bareRun(engine, image, { app: bareApp, '.npm': cacheDir, bench: path.join(root, 'bench') }, script);
    process.stderr.write(`bench: (a) bare npm ci + load: ${seconds(a.ms)} ${a.stdout}\n`);
    const store = path.join(work, 'results.sqlite');
    const b = await runDynaudit(['lockfile', lockfile, '--format', 'json', '--store', store]);
    process.stderr.write(`bench: (b) dynaudit lockfile, cold: ${seconds(b.ms)}\n`);
    const c = await runDynaudit(['lockfile', lockfile, '--format', 'json', '--store', store]);
    process.stderr.write(`bench: (c) dynaudit lockfile, warm: ${seconds(c.ms)}\n`);
    const summary = (run: { stdout: string }) => JSON.stringify((JSON.parse(run.stdout) as { summary: unknown }).summary);
    process.stderr.write(`bench: cold summary ${summary(b)}\nbench: warm summary ${summary(c)}\n`);
    return `lockfile bench/app (${graph.packages.length} packages): a ${seconds(a.ms)}; b ${seconds(b.ms)}; c ${seconds(c.ms)}; b/a ${(b.ms / a.ms).toFixed(2)} (target <= 1.5); c/a ${(c.ms / a.ms).toFixed(3)} (target < 0.1)`;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
