/**
 * One project of a sweep: its lockfile run (unchanged packages come from
 * the store), its records, the new releases watch finds, what changed
 * since the last sweep that recorded the project, all recorded in the
 * history in one transaction. A project that cannot be analyzed at all (its
 * lockfile missing or unreadable) is reported as an error; the others go on.
 */
import path from 'node:path';
import { isDynauditError, oneLine } from '../../common/errors.js';
import { readLockfileFile } from '../../lockfile/read-lockfile.js';
import type { SweepProjectReport } from '../../report/sweep-model.js';
import type { SweepRecord } from '../../store/sweep-history.js';
import type { SweepProject } from '../../sweep/sweep-config.js';
import { projectChanges } from '../../sweep/project-changes.js';
import { judgedPackages } from '../diff/judged-tree.js';
import { analyzeLockfile } from '../lockfile/analyze-lockfile.js';
import type { SweepContext } from './sweep-context.js';
import { lockedRecords } from './sweep-records.js';
import { releaseRecord, watchReleases } from './watch-releases.js';

export interface ProjectOutcome {
  readonly report: SweepProjectReport;
  readonly records: readonly SweepRecord[];
  /** The last sweep's records of the project; undefined when there was none. */
  readonly baseline?: readonly SweepRecord[];
}

export async function sweepProject(project: SweepProject, context: SweepContext): Promise<ProjectOutcome> {
  const { deps, options, run } = context;
  const shown = path.relative(path.dirname(context.config.file), project.lockfile).split(path.sep).join('/');
  const baseline = deps.history.baseline(run, project.name);
  deps.progress.log(`${project.name}: ${shown}${baseline ? `, compared with run ${baseline.run.id} of ${baseline.run.startedAt}` : ', its first sweep'}`);
  let analyzed;
  try {
    const report = await analyzeLockfile(project.lockfile, options, { ...deps, progress: deps.progress.run(project.name) });
    analyzed = { report, graph: await readLockfileFile(project.lockfile) };
  } catch (error) {
    if (options.signal.aborted || !isDynauditError(error) || error.code === 'E_INTERRUPTED') throw error;
    deps.progress.log(`${project.name}: cannot be analyzed: ${oneLine(error)}`);
    return { report: { name: project.name, lockfile: shown, changes: null, comparedWith: null, releases: [], error: { code: error.code, message: oneLine(error) } }, records: [] };
  }
  const judged = judgedPackages(analyzed.report, analyzed.graph, context.identity);
  const locked = lockedRecords(project.name, judged, baseline?.records ?? [], context);
  const behaviours = new Map(judged.map((entry, index) => [entry.pkg.id, locked[index]!.behaviour]));
  const releases = context.config.watch.enabled
    ? await watchReleases(project, { graph: analyzed.graph, judged, behaviour: (entry) => behaviours.get(entry.pkg.id)! }, context)
    : [];
  const records = [...locked, ...releases.flatMap((release) => releaseRecord(project.name, release) ?? [])];
  const { changes, verdictChanges } = projectChanges(baseline?.records ?? [], records);
  deps.history.recordProject(run.id, project.name, records, verdictChanges);
  const fresh = new Set(changes.newReleases);
  return {
    report: {
      name: project.name,
      lockfile: shown,
      changes: baseline ? changes : null,
      comparedWith: baseline ? { run: baseline.run.id, startedAt: baseline.run.startedAt } : null,
      releases: releases.map((release) => ({ ...release, isNew: release.version !== null && fresh.has(`${release.name}@${release.version}`) })),
      report: analyzed.report,
    },
    records,
    ...(baseline ? { baseline: baseline.records } : {}),
  };
}
