/**
 * Batch mode: the whole (needed part of the) lockfile installed once in one
 * sandbox, with the run's bait and the fake internet as `analyze` has them,
 * every lifecycle script attributed to its package, then the packages
 * imported dependencies first by a traced chunk loader that marks where
 * each import starts (and each chunk again with the clock days ahead),
 * then the chunk's direct dependencies of the project executed, one consumer
 * run each (batch-execute.ts). After each chunk, what the fake internet
 * caught so far is merged in and the chunk's packages are handed out. Much
 * faster than a sandbox per package: npm, the container and the shared
 * dependencies are paid once.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TraceEvent } from '../../events/types.js';
import { stagingNeedles } from '../../honeytokens/index.js';
import { parentLocation } from '../../lockfile/npm-locations.js';
import { primaryPlacements } from '../../lockfile/plan-layout.js';
import type { LockfileGraph, LockPackage } from '../../lockfile/types.js';
import { narrowGraph } from '../../lockfile/narrow-graph.js';
import { contentPath, exportTarballs } from '../../resolve/cache-export.js';
import { buildInstallProject } from '../../lockfile/write-install-project.js';
import type { FakenetReport, ReportPhase } from '../../report/report-model.js';
import type { FileHit } from '../../sandbox/file-scan.js';
import { PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import { runnerHostname } from '../../sandbox/sandbox-environment.js';
import { throwIfAborted } from '../interrupt.js';
import { dependencyClosure } from '../../lockfile/dependency-closure.js';
import type { ResultSink } from '../lockfile/package-result.js';
import type { SandboxContext } from '../session/analyze-in-sandbox.js';
import { writeAppEntry } from '../calls/consumer-command.js';
import { ownEvents } from '../session/own-events.js';
import { outputTail } from '../session/phase-report.js';
import { loadSandbox } from '../session/load-sandbox.js';
import { plantHoneytokens } from '../session/plant-honeytokens.js';
import { sandboxOptions } from '../session/sandbox-options.js';
import { batchSandboxSize } from './batch-size.js';
import { runBatchExecute, type ExecuteOutcome } from './batch-execute.js';
import { runBatchImports, type ImportOutcome } from './batch-imports.js';
import { runBatchInstall, type BatchInstall } from './batch-install.js';
import { BatchNetwork, type OwnedEvent, type OwnerWindow } from './batch-network.js';
import { isSafeAlias, type ImportItem } from './import-items.js';
import { importOrder } from './import-order.js';
import { shareInstallEvents, type InstallShare } from './install-attribution.js';

export interface BatchInput {
  readonly graph: LockfileGraph;
  /** Packages to analyze (their dependencies are installed too). */
  readonly todo: readonly LockPackage[];
  /** Ids of the packages whose execute phase runs: the project's direct dependencies (lockfile-phases.ts). */
  readonly executed: ReadonlySet<string>;
  /** sha512 of every fetched tarball, by id: what can be installed. */
  readonly integrity: ReadonlyMap<string, string>;
  /** npm cache holding those tarballs. */
  readonly cacheDir: string;
  /** Host scratch folder for the project files. */
  readonly workDir: string;
}

export interface BatchOptions {
  readonly context: SandboxContext;
  readonly registry: string;
  readonly signal: AbortSignal;
  readonly chunkSize: number;
}

/** What the batch could not analyze: packages it could not lay out in one tree, and packages its loader never reached. */
export interface BatchLeftovers {
  readonly unplaced: readonly string[];
  readonly notRun: readonly string[];
  /** Package events of the batch no package could be charged with. */
  readonly unowned: readonly TraceEvent[];
}

function installPhase(share: InstallShare | undefined, install: BatchInstall): ReportPhase {
  const codes = share?.scriptExitCodes ?? [];
  const failed = codes.find((code) => code !== 0);
  const status = failed === undefined ? 'completed' : failed === null && install.scripts.status === 'timeout' ? 'timeout' : 'failed';
  const tail = outputTail(install.scripts);
  return {
    name: 'install',
    status,
    durationMs: install.durationMs,
    exitCode: failed === undefined ? 0 : failed,
    ...(status === 'completed' || tail === '' ? {} : { outputTail: tail }),
  };
}

/** Each install event with the packages it belongs to, and the time each package's scripts ran. */
function ownedInstall(install: BatchInstall, shares: ReadonlyMap<string, InstallShare>): { events: OwnedEvent[]; windows: OwnerWindow[] } {
  const owners = new Map<TraceEvent, string[]>();
  const windows: OwnerWindow[] = [];
  for (const [id, share] of shares) {
    for (const event of share.events) owners.set(event, [...(owners.get(event) ?? []), id]);
    // Not Math.min(...times): a native build's thousands of events would be as many arguments.
    const times = share.events.map((event) => event.timestampMs);
    if (times.length > 0) windows.push({ id, phase: 'install', startMs: times.reduce((a, b) => Math.min(a, b)), endMs: times.reduce((a, b) => Math.max(a, b)) });
  }
  return { events: install.events.map((event) => ({ event, owners: owners.get(event) ?? [] })), windows };
}

/** Runs the batch, handing each analyzed package to `sink`; returns what it could not analyze. */
export async function analyzeBatch(input: BatchInput, options: BatchOptions, sink: ResultSink): Promise<BatchLeftovers> {
  const { context } = options;
  const { config, progress } = context;
  // Only what the packages need is installed: an alone run is alone, and a half of a failed batch is half.
  const narrowed = narrowGraph(input.graph, input.todo);
  const project = buildInstallProject(narrowed, { registry: options.registry, integrity: input.integrity });
  const projectDir = path.join(input.workDir, 'project');
  await mkdir(projectDir, { recursive: true });
  await writeFile(path.join(projectDir, 'package.json'), `${JSON.stringify(project.packageJson, null, 2)}\n`);
  await writeFile(path.join(projectDir, 'package-lock.json'), `${JSON.stringify(project.packageLock, null, 2)}\n`);
  const primary = primaryPlacements(project.layout);
  const todo = input.todo.filter((pkg) => primary.has(pkg.id));
  const leftovers = { unplaced: [...project.layout.unplaced], notRun: [] as string[], unowned: [] as TraceEvent[] };
  if (todo.length === 0) return leftovers;

  throwIfAborted(options.signal);
  // The batch's npm cache holds its own tree's tarballs only, and its home is sized to them.
  const cacheDir = path.join(input.workDir, 'cache');
  const tarballs = narrowed.packages.map((pkg) => input.integrity.get(pkg.id)).filter((sri): sri is string => sri !== undefined);
  await exportTarballs(tarballs, input.cacheDir, cacheDir);
  const tarballBytes = (await Promise.all(tarballs.map((sri) => stat(contentPath(cacheDir, sri)).then((info) => info.size)))).reduce((sum, size) => sum + size, 0);
  const size = batchSandboxSize(tarballBytes, { diskBytes: config.diskBytes, memoryBytes: config.memoryBytes }, os.totalmem());
  const runId = context.runId ?? 'batch';
  const hostname = runnerHostname();
  await using bait = await plantHoneytokens({ workDir: config.workDir, hostname, ...(config.registry ? { registry: config.registry } : {}) });
  // The packages' dependencies were imported under their own names: an execute phase loads them before its first step (batch-execute.ts).
  await writeAppEntry(projectDir, bait.honeytokens.callSecrets, { dependenciesFirst: true });
  const fakenetImage = context.fakenet.image;
  await using sandbox = await context.sandbox.start(sandboxOptions(config, { image: context.image, runId, hostname, size, ...(fakenetImage ? { fakenetImage } : {}) }));
  throwIfAborted(options.signal);
  await loadSandbox(sandbox, { homeDir: bait.homeDir, env: bait.honeytokens.env, projectDir, cacheDir });
  const timeout = config.timeoutSeconds;
  const install = await runBatchInstall(sandbox, timeout * 3, progress);
  throwIfAborted(options.signal);
  const shares = shareInstallEvents(install.events, install.records, project.layout.placements, PROJECT_DIR);
  const names = new Map(input.graph.packages.map((pkg) => [pkg.id, pkg.name]));
  const network = new BatchNetwork(
    {
      plan: context.fakenet,
      honeytokens: bait.honeytokens,
      progress,
      ...(config.artifactsDir ? { artifacts: { dir: config.artifactsDir, folder: `lockfile-batch-${runId}` } } : {}),
    },
    names,
  );
  const needles = stagingNeedles(bait.honeytokens.tokens).map((needle) => needle.text);
  const staged = new Map<string, FileHit>();
  const installOwned = ownedInstall(install, shares);
  network.add([install.scripts], installOwned.events, installOwned.windows);

  // Their installed dependencies are imported first too, under their own markers, so what they do is never the todo's.
  const reported = new Set(todo.map((pkg) => pkg.id));
  const byItem = new Map<ImportItem, LockPackage>();
  const items: ImportItem[] = [];
  for (const pkg of importOrder(dependencyClosure(input.graph.packages, todo).filter((dep) => primary.has(dep.id)))) {
    const placement = primary.get(pkg.id)!;
    const parent = parentLocation(placement.location);
    const item = { base: parent === '' ? PROJECT_DIR : `${PROJECT_DIR}/${parent}`, alias: placement.alias };
    if (!isSafeAlias(item.alias)) {
      if (reported.has(pkg.id)) leftovers.notRun.push(pkg.id);
      continue;
    }
    byItem.set(item, pkg);
    items.push(item);
  }
  // An app requires its direct dependencies from its own folder: those installed elsewhere (npm never does) are imported only.
  const executed = new Set(items.filter((item) => item.base === PROJECT_DIR && input.executed.has(byItem.get(item)!.id) && reported.has(byItem.get(item)!.id)));
  progress(`import phase: ${items.length} package(s) (${todo.length} analyzed, the rest their dependencies), dependencies first, in one traced loader process per chunk of ${options.chunkSize}`);
  if (executed.size > 0) progress(`execute phase: ${executed.size} direct dependenc${executed.size === 1 ? 'y' : 'ies'} of the project, each after its chunk, one consumer run each`);
  await runBatchImports(sandbox, items, { timeoutSeconds: timeout, signal: options.signal, chunkSize: options.chunkSize }, async (outcomes, runs) => {
    const ran = [...outcomes].filter(([, outcome]) => outcome.window !== undefined);
    const loadings = ran.flatMap(([item, outcome]) => [outcome, ...(outcome.dated ?? [])].filter((loading) => loading.window !== undefined).map((loading) => ({ id: byItem.get(item)!.id, loading })));
    const executions = new Map<ImportItem, ExecuteOutcome>();
    for (const [item] of ran.filter(([item]) => executed.has(item))) {
      throwIfAborted(options.signal);
      executions.set(item, await runBatchExecute(sandbox, item, timeout, progress));
    }
    const executes = [...executions].map(([item, execution]) => ({ id: byItem.get(item)!.id, execution }));
    network.add(
      [...runs, ...executes.map(({ execution }) => execution.run)],
      [
        ...loadings.flatMap(({ id, loading }) => loading.events.map((event) => ({ event, owners: [id] }))),
        ...executes.flatMap(({ id, execution }) => [
          ...execution.events.map((event) => ({ event, owners: [id] })),
          ...execution.outsideSteps.map((event) => ({ event, owners: [] })),
        ]),
      ],
      [
        ...loadings.map(({ id, loading }) => ({ id, phase: 'import' as const, ...loading.window! })),
        ...executes.map(({ id, execution }) => ({ id, phase: 'execute' as const, ...execution.window })),
      ],
    );
    const capture = await sandbox.collectNetwork();
    // Each scan reads only the files changed since the last one: the hits add up.
    for (const hit of await sandbox.findFiles(needles)) staged.set(`${hit.path}\0${hit.needle}`, hit);
    const merged = await network.analyze(capture, [...staged.values()]);
    leftovers.unowned = [...merged.unowned];
    for (const [item, outcome] of outcomes) {
      const pkg = byItem.get(item)!;
      if (!reported.has(pkg.id)) continue;
      if (outcome.window === undefined) leftovers.notRun.push(pkg.id);
      else emit(pkg, { ...outcome, execution: executions.get(item) }, merged.events, merged.report, loadedBefore(ran, outcome).map(([earlier]) => byItem.get(earlier)!.id));
    }
  });
  return leftovers;

  /** The package handed out, its phases in `analyze`'s order: install, import, execute, the dated imports. */
  function emit(pkg: LockPackage, outcome: ImportOutcome & { execution: ExecuteOutcome | undefined }, events: readonly OwnedEvent[], fakenet: FakenetReport, before: string[]): void {
    const owned = new Set(events.filter((owned) => owned.owners.includes(pkg.id)).map((owned) => owned.event));
    const own = ownEvents(events.map((owned) => owned.event), (event) => owned.has(event));
    const share = shares.get(pkg.id);
    const imports = [outcome.phase, ...(outcome.execution ? [outcome.execution.phase] : []), ...(outcome.dated ?? []).map((loading) => loading.phase)];
    sink(pkg.id, {
      phases: [installPhase(share, install), ...imports],
      events: own,
      hasInstallScript: (share?.scriptExitCodes.length ?? 0) > 0 || pkg.hasInstallScript === true,
      startedAt: new Date().toISOString(),
      durationMs: install.durationMs + imports.reduce((sum, phase) => sum + phase.durationMs, 0),
      integrity: input.integrity.get(pkg.id)!,
      fakenet: packageFakenet(fakenet, own),
      ...(todo.length > 1 ? { sharedBatch: { loadedBefore: before } } : {}),
    });
  }
}

/** The packages imported before `outcome`'s in the same loader process. */
function loadedBefore(ran: readonly [ImportItem, ImportOutcome][], outcome: ImportOutcome): [ImportItem, ImportOutcome][] {
  return ran.filter(([, other]) => other !== outcome && other.loaderPid === outcome.loaderPid && other.window!.startMs < outcome.window!.startMs);
}

/** A package's view of the batch's fake internet: its own queries and connections, the batch's checks and capture. */
function packageFakenet(batch: FakenetReport, own: readonly TraceEvent[]): FakenetReport {
  if (!batch.enabled) return batch;
  const { packets: _packets, ...shared } = batch;
  return {
    ...shared,
    dnsQueries: own.filter((event) => event.kind === 'dns').length,
    connections: own.filter((event) => event.kind === 'connect').length,
  };
}
