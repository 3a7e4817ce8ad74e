/**
 * `dynaudit sweep`: every project of a sweep file, in one run recorded in
 * the store's history. A run whose process was interrupted or killed is
 * resumed by the next sweep of the same file (same run, same baseline;
 * what it analyzed before comes from the store); a run whose process still
 * works makes this one stop with E_SWEEP.
 */
import { DynauditError } from '../../common/errors.js';
import type { NewFailure, SweepReport } from '../../report/sweep-model.js';
import { newFailures } from '../../sweep/project-changes.js';
import type { SweepConfig } from '../../sweep/sweep-config.js';
import { summarizeSweep, toNewFailure } from '../../sweep/sweep-summary.js';
import type { LockfileOptions } from '../lockfile/lockfile-run.js';
import { configuredPolicies } from '../policy-access.js';
import { sandboxIdentity } from '../session/sandbox-identity.js';
import type { SweepContext, SweepDependencies } from './sweep-context.js';
import { sweepProject, type ProjectOutcome } from './sweep-project.js';

export async function runSweep(config: SweepConfig, options: LockfileOptions, deps: SweepDependencies): Promise<SweepReport> {
  const startedAt = Date.now();
  const policy = await configuredPolicies(deps.config);
  const identity = await sandboxIdentity(deps.config);
  const now = (): string => deps.now().toISOString();
  const begun = deps.history.begin(config.file, deps.owner.self, (owner) => deps.owner.isGone(owner), now());
  if ('busy' in begun) {
    const { id, owner } = begun.busy;
    throw new DynauditError('E_SWEEP', `a sweep of ${config.file} is already running (run ${id}, pid ${owner.pid} on ${owner.host}); run it again when that one is done`);
  }
  const { run, resumed } = begun;
  deps.progress.log(resumed ? `resuming run ${run.id} of ${config.file} (started ${run.startedAt}); what it analyzed comes from the store` : `run ${run.id} of ${config.file}`);
  const context: SweepContext = { config, options, deps, run, identity, failOn: options.failOn ?? policy.failOn };
  const outcomes: ProjectOutcome[] = [];
  try {
    for (const project of config.projects) outcomes.push(await sweepProject(project, context));
  } catch (error) {
    deps.history.finish(run.id, 'interrupted', null, now());
    throw error;
  }
  const failures: NewFailure[] = outcomes.flatMap((outcome) => newFailures(outcome.baseline, outcome.records).map(toNewFailure));
  const projects = outcomes.map((outcome) => outcome.report);
  const summary = summarizeSweep(projects, failures, Date.now() - startedAt);
  deps.history.finish(run.id, 'complete', summary.verdict, now());
  return {
    schemaVersion: 1,
    kind: 'sweep',
    tool: { name: 'dynaudit', version: identity.analyzerVersion },
    sweep: { file: config.file, run: run.id, startedAt: run.startedAt, resumed },
    failOn: context.failOn,
    summary,
    newFailures: failures,
    projects,
  };
}
