/**
 * Watch: for the project's direct dependencies (and, bounded, transitive
 * ones), the releases newer than the locked version that the declared spec
 * (`npm update`) or the `latest` tag would take, each analyzed with its
 * whole tree before anyone upgrades and compared with the locked version's
 * tree in the project.
 */
import { readFile } from 'node:fs/promises';
import { unionBehaviour } from '../../diff/behaviour.js';
import { diffVersions } from '../../diff/diff-versions.js';
import { isDynauditError, oneLine } from '../../common/errors.js';
import type { LockfileGraph, LockPackage } from '../../lockfile/types.js';
import type { Behaviour } from '../../report/diff-model.js';
import type { WatchedRelease } from '../../report/sweep-model.js';
import { mapConcurrent } from '../../resolve/map-concurrent.js';
import type { SweepRecord } from '../../store/sweep-history.js';
import type { SweepProject } from '../../sweep/sweep-config.js';
import { declaredRanges } from '../../watch/declared-ranges.js';
import { nextReleases, type Release } from '../../watch/next-releases.js';
import { watchTargets, type WatchTarget } from '../../watch/watch-targets.js';
import { judgedPackages, packageView, storedBehaviour, versionView, type JudgedPackage } from '../diff/judged-tree.js';
import { throwIfAborted } from '../interrupt.js';
import { dependencyClosure } from '../../lockfile/dependency-closure.js';
import { analyzeRelease } from '../release/analyze-release.js';
import { recorded } from './sweep-records.js';
import type { SweepContext } from './sweep-context.js';

const PACKUMENTS_AT_ONCE = 8;

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

interface Found {
  readonly target: WatchTarget;
  readonly release: Release;
}

async function findReleases(targets: readonly WatchTarget[], context: SweepContext): Promise<{ found: Found[]; failed: WatchedRelease[] }> {
  const failed: WatchedRelease[] = [];
  const found = await mapConcurrent(targets, PACKUMENTS_AT_ONCE, async (target) => {
    try {
      const packument = await context.deps.registry.packument(target.name);
      return nextReleases(packument, target.spec, target.locked).map((release) => ({ target, release }));
    } catch (error) {
      const { name, locked, spec, dependant } = target;
      failed.push({ name, locked, version: null, why: 'wanted', spec, dependant, isNew: false, verdict: 'error', error: { code: isDynauditError(error) ? error.code : 'E_RESOLVE', message: oneLine(error) } });
      return [];
    }
  });
  return { found: found.flat(), failed };
}

/** The locked project's view of a package: it and its dependency closure, as the project's lockfile run judged them. */
export interface LockedProject {
  readonly graph: LockfileGraph;
  readonly judged: readonly JudgedPackage[];
  readonly behaviour: (entry: JudgedPackage) => Behaviour;
}

function lockedView(pkg: LockPackage, project: LockedProject) {
  const ids = new Set(dependencyClosure(project.graph.packages, [pkg]).map((entry) => entry.id));
  return versionView(pkg, project.judged.filter((entry) => ids.has(entry.pkg.id)).map((entry) => packageView(entry, project.behaviour(entry))), true);
}

async function analyzeFound(item: Found, project: LockedProject, context: SweepContext): Promise<WatchedRelease> {
  const { target, release } = item;
  const { options, deps } = context;
  const base = { name: target.name, locked: target.locked, version: release.version, why: release.why, spec: target.spec, dependant: target.dependant, ...(release.published ? { published: release.published } : {}), isNew: false };
  const locked = project.graph.packages.find((pkg) => pkg.name === target.name && pkg.version === target.locked);
  try {
    const run = await analyzeRelease(target.name, release.version, options, { ...deps, progress: deps.progress.run(`${target.name}@${release.version}`) });
    const root = run.graph.packages.find((pkg) => pkg.name === target.name && pkg.version === release.version);
    if (!root || !locked) throw new Error(`the tree of ${target.name}@${release.version} does not hold it`);
    const packages = judgedPackages(run.report, run.graph, context.identity).map((entry) => packageView(entry, storedBehaviour(deps.store, entry)));
    const diff = diffVersions(lockedView(locked, project), versionView(root, packages, false), context.failOn, context.identity.analyzerVersion);
    return { ...base, verdict: diff.verdict, diff };
  } catch (error) {
    if (options.signal.aborted || !isDynauditError(error)) throw error;
    return { ...base, verdict: 'error', error: { code: error.code, message: oneLine(error) } };
  }
}

/** The history's record of a release: what it adds to the locked version. Lookups that failed are not releases and leave none. */
export function releaseRecord(project: string, release: WatchedRelease): SweepRecord | undefined {
  if (release.version === null) return undefined;
  return {
    project,
    kind: 'release',
    name: release.name,
    version: release.version,
    lockedVersion: release.locked,
    integrity: release.diff?.to.integrity ?? '',
    analysis: '',
    verdict: release.verdict,
    findings: recorded(release.diff?.added.findings ?? []),
    // The added sets only (unionBehaviour keeps the six kinds and drops findings and dependencies).
    behaviour: unionBehaviour(release.diff ? [release.diff.added] : []),
  };
}

export async function watchReleases(project: SweepProject, locked: LockedProject, context: SweepContext): Promise<WatchedRelease[]> {
  const { config, deps } = context;
  const { graph } = locked;
  const npmLock = /package-lock\.json|npm-shrinkwrap\.json/.test(graph.format);
  const ranges = declaredRanges(npmLock ? await readJson(project.lockfile) : null, await readJson(project.manifest));
  const targets = watchTargets(graph, ranges, config.watch.transitive);
  deps.progress.log(`${project.name}: asking the registry for releases newer than the locked versions of ${targets.length} package(s)`);
  const { found, failed } = await findReleases(targets, context);
  if (found.length > config.watch.releases) {
    deps.progress.log(`${project.name}: ${found.length} new release(s), analyzing the first ${config.watch.releases} (watch.releases)`);
  }
  const releases: WatchedRelease[] = [...failed];
  for (const item of found.slice(0, config.watch.releases)) {
    throwIfAborted(context.options.signal);
    deps.progress.log(`${project.name}: new release ${item.target.name}@${item.release.version} (${item.release.why}; locked ${item.target.locked})`);
    releases.push(await analyzeFound(item, locked, context));
  }
  return releases;
}
