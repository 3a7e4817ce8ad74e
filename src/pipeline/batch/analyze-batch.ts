/**
 * Batch mode: the whole (needed part of the) lockfile installed once in one
 * sandbox, every lifecycle script attributed to its package, then the
 * packages imported dependencies first by a traced chunk loader that marks
 * where each import starts. Much faster than a sandbox per
 * package: npm, the container and the shared dependencies are paid once.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isSafeAlias, type ImportItem } from './import-items.js';
import { importOrder } from './import-order.js';
import { shareInstallEvents, type InstallShare } from './install-attribution.js';
import type { TraceEvent } from '../../events/types.js';
import { parentLocation } from '../../lockfile/npm-locations.js';
import { primaryPlacements } from '../../lockfile/plan-layout.js';
import type { LockfileGraph, LockPackage } from '../../lockfile/types.js';
import { buildInstallProject } from '../../lockfile/write-install-project.js';
import type { ReportPhase } from '../../report/report-model.js';
import type { Sandbox, SandboxOptions } from '../../sandbox/sandbox.js';
import { NPM_CACHE_DIR, PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import { runBatchImports, type ImportOutcome } from './batch-imports.js';
import { runBatchInstall, type BatchInstall } from './batch-install.js';
import { throwIfAborted } from '../interrupt.js';
import { ownEvents } from '../session/own-events.js';
import type { ResultSink } from '../lockfile/package-result.js';
import type { Progress } from '../progress.js';

export interface BatchInput {
  readonly graph: LockfileGraph;
  /** Packages to analyze (their dependencies are installed too). */
  readonly todo: readonly LockPackage[];
  /** sha512 of every fetched tarball, by id: what can be installed. */
  readonly integrity: ReadonlyMap<string, string>;
  /** npm cache holding those tarballs. */
  readonly cacheDir: string;
  /** Host scratch folder for the project files. */
  readonly workDir: string;
}

export interface BatchOptions {
  readonly sandbox: Sandbox;
  readonly sandboxOptions: SandboxOptions;
  readonly registry: string;
  readonly parallel: number;
  readonly signal: AbortSignal;
  readonly progress: Progress;
}

function installPhase(share: InstallShare | undefined, install: BatchInstall): ReportPhase {
  const codes = share?.scriptExitCodes ?? [];
  const failed = codes.find((code) => code !== 0);
  const status = failed === undefined ? 'completed' : failed === null && install.scripts.status === 'timeout' ? 'timeout' : 'failed';
  const outputTail = `${install.scripts.stdout}\n${install.scripts.stderr}`.trim().split('\n').slice(-15).join('\n');
  return {
    name: 'install',
    status,
    durationMs: install.durationMs,
    exitCode: failed === undefined ? 0 : failed,
    ...(status === 'completed' || outputTail === '' ? {} : { outputTail }),
  };
}

/** Runs the batch; returns the ids that could not be laid out in one tree (to be analyzed alone). */
export async function analyzeBatch(input: BatchInput, options: BatchOptions, sink: ResultSink): Promise<string[]> {
  const { progress } = options;
  const project = buildInstallProject(input.graph, { registry: options.registry, integrity: input.integrity });
  const projectDir = path.join(input.workDir, 'project');
  await mkdir(projectDir, { recursive: true });
  await writeFile(path.join(projectDir, 'package.json'), `${JSON.stringify(project.packageJson, null, 2)}\n`);
  await writeFile(path.join(projectDir, 'package-lock.json'), `${JSON.stringify(project.packageLock, null, 2)}\n`);
  const primary = primaryPlacements(project.layout);
  const todo = input.todo.filter((pkg) => primary.has(pkg.id));
  if (todo.length === 0) return [...project.layout.unplaced];

  throwIfAborted(options.signal);
  await using sandbox = await options.sandbox.start(options.sandboxOptions);
  throwIfAborted(options.signal);
  await sandbox.copyIn(projectDir, PROJECT_DIR);
  await sandbox.copyIn(input.cacheDir, NPM_CACHE_DIR);
  const timeout = options.sandboxOptions.timeoutSeconds;
  const install = await runBatchInstall(sandbox, timeout * 3, progress);
  throwIfAborted(options.signal);
  const shares = shareInstallEvents(install.events, install.records, project.layout.placements, PROJECT_DIR);

  const byItem = new Map<ImportItem, LockPackage>();
  const items: ImportItem[] = [];
  for (const pkg of importOrder(todo)) {
    const placement = primary.get(pkg.id)!;
    const parent = parentLocation(placement.location);
    const item = { base: parent === '' ? PROJECT_DIR : `${PROJECT_DIR}/${parent}`, alias: placement.alias };
    if (!isSafeAlias(item.alias)) {
      emit(pkg, { phase: { name: 'import', status: 'failed', durationMs: 0, exitCode: null, outputTail: `unsafe folder name ${JSON.stringify(item.alias)}` }, events: [] });
      continue;
    }
    byItem.set(item, pkg);
    items.push(item);
  }
  progress(`import phase: ${items.length} package(s), dependencies first, in one traced loader process per chunk`);
  await runBatchImports(sandbox, items, { timeoutSeconds: timeout, signal: options.signal }, (item, outcome) =>
    emit(byItem.get(item)!, outcome),
  );
  return [...project.layout.unplaced];

  function emit(pkg: LockPackage, outcome: ImportOutcome): void {
    const share = shares.get(pkg.id);
    const mine = new Set<TraceEvent>(share?.events ?? []);
    const installEvents = mine.size === 0 ? [] : ownEvents(install.events, (event) => mine.has(event));
    const hasInstallScript = (share?.scriptExitCodes.length ?? 0) > 0 || pkg.hasInstallScript === true;
    sink(pkg.id, {
      phases: [installPhase(share, install), outcome.phase],
      events: [...installEvents, ...outcome.events],
      hasInstallScript,
      startedAt: new Date().toISOString(),
      durationMs: install.durationMs + outcome.phase.durationMs,
      integrity: input.integrity.get(pkg.id)!,
    });
  }
}
