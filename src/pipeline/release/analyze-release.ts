/**
 * One registry release that no lockfile of the project has yet, analyzed
 * as a project depending on exactly it: its dependency tree resolved on the
 * host (arborist, nothing run) into a package-lock.json, then that lockfile
 * run as `dynaudit lockfile` runs one, so packages of the tree already in
 * the store (same tarball, analyzer, sandbox) cost a read and the rest is
 * analyzed and stored. `diff` uses it for each of its two versions, the
 * sweep's watch for each new release.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { readLockfileFile } from '../../lockfile/read-lockfile.js';
import type { LockfileGraph } from '../../lockfile/types.js';
import type { LockfileReport } from '../../report/lockfile-model.js';
import { buildLockfile } from '../../resolve/build-lockfile.js';
import { writeProject } from '../../resolve/write-project.js';
import { analyzeLockfile } from '../lockfile/analyze-lockfile.js';
import type { LockfileDependencies, LockfileOptions } from '../lockfile/lockfile-run.js';

export interface ReleaseRun {
  readonly report: LockfileReport;
  /** The release's tree as resolved now. */
  readonly graph: LockfileGraph;
}

export async function analyzeRelease(name: string, version: string, options: LockfileOptions, deps: LockfileDependencies): Promise<ReleaseRun> {
  const { config } = deps;
  await mkdir(config.workDir, { recursive: true });
  const dir = await mkdtemp(path.join(config.workDir, 'release-'));
  try {
    const projectDir = path.join(dir, 'project');
    await mkdir(projectDir);
    await writeProject(projectDir, name, version);
    deps.progress.log(`resolving the dependency tree of ${name}@${version}`);
    await buildLockfile(projectDir, { cacheDir: path.join(dir, 'cache'), ...(config.registry ? { registry: config.registry } : {}), subject: `${name}@${version}` });
    const lockfile = path.join(projectDir, 'package-lock.json');
    const graph = await readLockfileFile(lockfile);
    return { report: await analyzeLockfile(lockfile, options, deps), graph };
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Progress of work made of several lockfile runs: log lines, and each run's own progress. */
export interface RunsProgress {
  log(message: string): void;
  run(label: string): LockfileDependencies['progress'];
}

/** What commands made of several lockfile runs (diff, sweep) need. */
export type RunsDependencies = Omit<LockfileDependencies, 'progress'> & { readonly progress: RunsProgress };
