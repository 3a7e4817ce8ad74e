/**
 * `dynaudit lockfile`: every package of a lockfile judged, each analysis
 * taken from the result store when there is one for the same tarball,
 * analyzer and sandbox, the rest analyzed (batch or isolated mode) and
 * stored one by one as they finish, so an interrupted run loses at most
 * what was in flight and the next run continues from there.
 */
import path from 'node:path';
import type { LockPackage } from '../../lockfile/types.js';
import { readLockfileFile } from '../../lockfile/read-lockfile.js';
import { overallVerdict, type LockfileEntryReport, type LockfileReport } from '../../report/lockfile-model.js';
import { policyHash } from '../judge/judge-key.js';
import { configuredPolicies } from '../policy-access.js';
import { sandboxIdentity } from '../session/sandbox-identity.js';
import { analyzeMissing } from './analyze-missing.js';
import { executedPackages } from './lockfile-phases.js';
import { finish, fromStore, type LockfileDependencies, type LockfileOptions, type LockfileRun } from './lockfile-run.js';

export async function analyzeLockfile(file: string, options: LockfileOptions, deps: LockfileDependencies): Promise<LockfileReport> {
  const startedAt = Date.now();
  const lockPath = path.resolve(options.cwd, file);
  const graph = await readLockfileFile(lockPath);
  const policy = await configuredPolicies(deps.config);
  const identity = await sandboxIdentity(deps.config);
  const failOn = options.failOn ?? policy.failOn;
  const executed = executedPackages(graph, identity, options.mode);
  const run: LockfileRun = { graph, options, deps, identity, executed, policy, failOn, policyHash: policyHash(policy, failOn), reports: new Map(), unattributed: [] };
  const todo: LockPackage[] = [];
  const selected = options.only ? graph.packages.filter((pkg) => options.only!.has(pkg.id)) : graph.packages;
  // Packages built for another platform are analyzed too, their platform check overridden (a platform-override finding).
  const packages = selected;
  const skipped = graph.skipped;
  deps.progress.start(packages.length);
  for (const pkg of packages) {
    const report = options.noCache || pkg.integrity === null ? undefined : fromStore(run, pkg, pkg.integrity);
    if (report) finish(run, pkg.id, report);
    else todo.push(pkg);
  }
  if (todo.length > 0) await analyzeMissing(run, todo);
  const reports = packages.map((pkg) => run.reports.get(pkg.id)).filter((report): report is LockfileEntryReport => report !== undefined);
  const count = (verdict: string): number => reports.filter((report) => report.verdict === verdict).length;
  return {
    schemaVersion: 1,
    kind: 'lockfile',
    tool: { name: 'dynaudit', version: identity.analyzerVersion },
    lockfile: { path: file, format: graph.format },
    mode: options.mode,
    summary: {
      packages: packages.length,
      analyzed: reports.filter((report) => !report.cached && report.verdict !== 'error').length,
      cached: reports.filter((report) => report.cached).length,
      pass: count('pass'),
      warn: count('warn'),
      fail: count('fail'),
      error: count('error'),
      skipped: skipped.length,
      unattributed: run.unattributed.length,
      verdict: overallVerdict(reports, run.unattributed, failOn),
      durationMs: Date.now() - startedAt,
    },
    reports,
    skipped,
    unattributed: run.unattributed,
  };
}
