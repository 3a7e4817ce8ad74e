/**
 * SARIF for a sweep or a diff (pure): one run holding the results of every
 * package (code scanning accepts at most 20 runs per file, a sweep has
 * hundreds of packages), rules merged by id, each result marked with its
 * `baselineState`: `new` when it is new since the last sweep (or the
 * finding a diff adds), else `unchanged`.
 */
import path from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { DiffReport } from './diff-model.js';
import { sarifLog, type SarifLocation, type SarifSource } from './format-sarif.js';
import type { SweepReport } from './sweep-model.js';
import { isChanged } from './sweep-items.js';

interface SarifPart {
  readonly source: SarifSource;
  readonly location?: SarifLocation;
  readonly isNew: boolean;
}

function changesSarif(parts: readonly SarifPart[], automationId: string, toolVersion: string, properties: Record<string, unknown>): Log {
  const rules: ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const results: Result[] = [];
  for (const part of parts) {
    const run = sarifLog(part.source, part.location ? { location: part.location } : {}).runs[0];
    for (const rule of run?.tool.driver.rules ?? []) {
      if (!index.has(rule.id)) index.set(rule.id, rules.push(rule) - 1);
    }
    for (const result of run?.results ?? []) {
      results.push({ ...result, ruleIndex: index.get(result.ruleId ?? '') ?? 0, baselineState: part.isNew ? 'new' : 'unchanged' });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dynaudit', version: toolVersion, semanticVersion: toolVersion, rules } },
        automationDetails: { id: automationId },
        invocations: [{ executionSuccessful: true }],
        results,
        properties,
      },
    ],
  };
}

function json(log: Log): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The findings a diff adds, as results of the newer version located at `location` (its line in the user's manifest or lockfile). */
export function formatDiffSarif(report: DiffReport, location?: SarifLocation): string {
  const { to } = report;
  const source: SarifSource = {
    tool: report.tool,
    package: { name: to.name, version: to.version, integrity: to.integrity, source: 'registry' },
    verdict: report.verdict,
    failOn: report.failOn,
    findings: report.added.findings,
  };
  const properties = { kind: 'diff', from: `${report.from.name}@${report.from.version}`, to: `${to.name}@${to.version}`, verdict: report.verdict };
  return json(changesSarif([{ source, ...(location ? { location } : {}), isNew: true }], `dynaudit/diff/${to.name}/`, report.tool.version, properties));
}

/** Where a package of a project is declared: its line in the project's lockfile or manifest (paths relative to the sweep file's folder). */
export type SweepLocator = (project: string, name: string) => SarifLocation | undefined;

/** Every finding of every project's packages, and what each watched release adds; new since the last sweep marked `new`. */
export function formatSweepSarif(report: SweepReport, locate: SweepLocator): string {
  const parts: SarifPart[] = report.projects.flatMap((project) => {
    const located = (name: string) => {
      const location = locate(project.name, name);
      return location ? { location } : {};
    };
    const packages = (project.report?.reports ?? []).flatMap((entry) =>
      'findings' in entry && entry.findings.length + (entry.allowed?.length ?? 0) > 0
        ? [{ source: entry, ...located(entry.package.name), isNew: isChanged(project, entry.package.name, entry.package.version) }]
        : [],
    );
    const releases = project.releases.flatMap((release) =>
      release.diff && release.diff.added.findings.length > 0
        ? [
            {
              source: {
                tool: report.tool,
                package: { name: release.name, version: release.diff.to.version, integrity: release.diff.to.integrity, source: 'registry' },
                verdict: release.verdict,
                failOn: report.failOn,
                findings: release.diff.added.findings,
              },
              ...located(release.name),
              isNew: release.isNew,
            },
          ]
        : [],
    );
    return [...packages, ...releases];
  });
  const properties = { kind: 'sweep', run: report.sweep.run, verdict: report.summary.verdict, newFailures: report.summary.newFailures };
  return json(changesSarif(parts, `dynaudit/sweep/${path.posix.basename(report.sweep.file.split(path.sep).join('/'))}/`, report.tool.version, properties));
}
