/**
 * No false alarms on real packages: each corpus package is analyzed for
 * real (registry, sandbox) and must not fail under the default policy; what
 * it noteworthily does at install must be in its report.
 */
import path from 'node:path';
import test from 'ava';
import { severityRank } from '../../src/events/finding.js';
import type { AnalysisReport } from '../../src/report/index.js';
import { schemaErrors, validateReportDocument } from '../helpers/json-schemas.js';
import { runCli } from '../helpers/run-cli.js';
import { CORPUS } from './corpus-packages.js';

test('the corpus has at least 20 packages of every kind', (t) => {
  t.true(CORPUS.length >= 20);
  t.deepEqual(new Set(CORPUS.map((entry) => entry.kind)).size, 6);
});

for (const entry of CORPUS) {
  test(`${entry.spec} (${entry.kind}) does not fail under the default policy`, async (t) => {
    const result = await runCli(['analyze', entry.spec, '--format', 'json', '--no-cache']);
    let report: AnalysisReport;
    try {
      report = JSON.parse(result.stdout) as AnalysisReport;
    } catch {
      return t.fail(`no JSON report (exit ${result.exitCode}); stderr:\n${result.stderr}`);
    }
    const findings = report.findings.map((finding) => `${finding.severity} ${finding.rule}: ${finding.summary}`);
    t.log(`${report.verdict}; ${findings.length === 0 ? 'no findings' : findings.join('; ')}`);
    t.deepEqual(schemaErrors(validateReportDocument, report), []);
    t.not(report.verdict, 'fail', JSON.stringify(report.findings, null, 2));
    t.is(result.exitCode, 0, result.stderr);
    t.true(report.findings.every((finding) => severityRank(finding.severity) < severityRank(report.failOn)));
    t.deepEqual(
      report.phases.map((phase) => `${phase.name} ${phase.status}`),
      ['install completed', 'import completed'],
    );
    for (const { rule, summary } of entry.shows ?? []) {
      t.true(
        report.findings.some((finding) => finding.rule === rule && summary.test(finding.summary)),
        `expected a ${rule} finding matching ${summary}: ${findings.join('; ')}`,
      );
    }
    const programs = new Set(report.observed.processes.map((process) => path.posix.basename(process.argv[0] ?? '')));
    for (const program of entry.runs ?? []) t.true(programs.has(program), `expected ${program} among ${[...programs].join(', ')}`);
  });
}
