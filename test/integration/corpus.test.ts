/**
 * No false alarms on real packages: each corpus package is analyzed for
 * real (registry, sandbox, fake internet, honeytokens) and must not fail
 * under the shipped policy; what it noteworthily does at install must be in
 * its report. The analyses run two at a time (AnalysisPool) while the tests
 * await them in order; each test logs the verdict and what kept the package
 * from `pass`.
 */
import path from 'node:path';
import test from 'ava';
import { severityRank } from '../../src/events/finding.js';
import { AnalysisPool } from '../helpers/analysis-pool.js';
import { schemaErrors, validateReportDocument } from '../helpers/json-schemas.js';
import { CORPUS, SCRIPT_KINDS } from './corpus-packages.js';

const pool = new AnalysisPool(2);
const startedAt = Date.now();
const runs = new Map(CORPUS.map((entry) => [entry.spec, pool.analyze(entry.spec, ['--timeout', '120'])]));
test.after.always(() => {
  pool.dispose();
  console.log(`corpus: ${CORPUS.length} packages analyzed in ${((Date.now() - startedAt) / 1000).toFixed(0)} s, two at a time`);
});

test('the corpus has at least 60 packages, at least 25 of them with install scripts, of every kind', (t) => {
  t.true(CORPUS.length >= 60);
  t.true(CORPUS.filter((entry) => SCRIPT_KINDS.includes(entry.kind)).length >= 25);
  t.is(new Set(CORPUS.map((entry) => entry.kind)).size, 9);
  t.is(new Set(CORPUS.map((entry) => entry.spec)).size, CORPUS.length);
});

for (const entry of CORPUS) {
  test(`${entry.spec} (${entry.kind}) does not fail under the shipped policy`, async (t) => {
    const { result, report, durationMs } = await runs.get(entry.spec)!;
    if (report === null) return t.fail(`no JSON report (exit ${result.exitCode}); stderr:\n${result.stderr}`);
    const findings = report.findings.map((finding) => `${finding.severity} ${finding.rule}: ${finding.summary}`);
    t.log(`${report.verdict} in ${(durationMs / 1000).toFixed(0)} s; ${findings.length === 0 ? 'no findings' : findings.join('; ')}`);
    const execute = report.phases.find((phase) => phase.name === 'execute');
    const ended = (outcome: string) => execute?.calls?.filter((call) => call.outcome === outcome).length ?? 0;
    // What the closing note of the execute phase reports: its cost, and which packages threw or broke under the fast clock.
    t.log(`execute ${execute?.status} in ${((execute?.durationMs ?? 0) / 1000).toFixed(1)} s: ${execute?.calls?.length ?? 0} steps, ${ended('threw')} threw, ${ended('timeout')} timeout, ${ended('crashed')} crashed, ${ended('unfinished')} unfinished`);
    t.deepEqual(schemaErrors(validateReportDocument, report), []);
    t.not(report.verdict, 'fail', JSON.stringify(report.findings, null, 2));
    t.is(result.exitCode, 0, result.stderr);
    t.true(report.findings.every((finding) => severityRank(finding.severity) < severityRank(report.failOn)));
    // Every phase that ran completes unless the entry says how it ends (corpus-packages.ts says why).
    t.deepEqual(
      report.phases.map((phase) => `${phase.name} ${phase.status}`),
      report.phases.map((phase) => `${phase.name} ${entry.phases?.[phase.name] ?? 'completed'}`),
    );
    t.deepEqual(report.phases.slice(0, 3).map((phase) => phase.name), ['install', 'import', 'execute'], 'the execute phase is on by default');
    for (const { rule, summary, severity } of entry.shows ?? []) {
      t.true(
        report.findings.some((finding) => finding.rule === rule && summary.test(finding.summary) && (severity === undefined || finding.severity === severity)),
        `expected a ${severity ?? ''} ${rule} finding matching ${summary}: ${findings.join('; ')}`,
      );
    }
    const programs = new Set(report.observed.processes.map((process) => path.posix.basename(process.argv[0] ?? '')));
    for (const program of entry.runs ?? []) t.true(programs.has(program), `expected ${program} among ${[...programs].join(', ')}`);
  });
}
