/**
 * A sweep's totals and verdict (pure). The verdict is for alerting: `fail`
 * only when something fails that did not fail in the last sweep, `error`
 * when a project, package or release could not be analyzed, `warn` when
 * anything fails or warns (known failures included), else `pass`.
 */
import type { NewFailure, SweepProjectReport, SweepSummary } from '../report/sweep-model.js';
import type { SweepRecord } from '../store/sweep-history.js';

export function toNewFailure(record: SweepRecord): NewFailure {
  return { project: record.project, kind: record.kind, name: record.name, version: record.version, findings: record.findings };
}

export function summarizeSweep(projects: readonly SweepProjectReport[], failures: readonly NewFailure[], durationMs: number): SweepSummary {
  const reports = projects.flatMap((project) => (project.report ? [project.report.summary] : []));
  const releases = projects.flatMap((project) => project.releases);
  const total = (key: 'packages' | 'analyzed' | 'cached' | 'fail' | 'warn' | 'error'): number => reports.reduce((sum, summary) => sum + summary[key], 0);
  const releasesThat = (verdict: string): number => releases.filter((release) => release.verdict === verdict).length;
  const fail = total('fail') + releasesThat('fail');
  const error = total('error') + releasesThat('error') + projects.filter((project) => project.error).length;
  const warn = total('warn') + releasesThat('warn');
  return {
    projects: projects.length,
    packages: total('packages'),
    analyzed: total('analyzed'),
    cached: total('cached'),
    fail,
    error,
    releases: releases.filter((release) => release.version !== null).length,
    newFailures: failures.length,
    verdict: failures.length > 0 ? 'fail' : error > 0 ? 'error' : fail + warn > 0 ? 'warn' : 'pass',
    durationMs,
  };
}
