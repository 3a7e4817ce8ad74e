import test from 'ava';
import { formatSweepSarif } from '../../../src/report/format-changes-sarif.js';
import { formatSweepHtml } from '../../../src/report/format-sweep-html.js';
import { formatSweepMarkdown } from '../../../src/report/format-sweep-markdown.js';
import { formatSweepText } from '../../../src/report/format-sweep.js';
import { schemaErrors, validateSarifDocument } from '../../helpers/json-schemas.js';
import { sampleSweep } from './sample-changes.js';

test('the text sweep puts what changed since the last sweep first, then new failures, known failures and projects', (t) => {
  const text = formatSweepText(sampleSweep(), { color: false });
  const at = (heading: string) => text.indexOf(heading);
  t.regex(text, /^FAIL {2}sweep \/repo\/nightly\.yaml, run abc123: 1 new failure\(s\);/);
  t.true(at('CHANGES SINCE THE LAST SWEEP') < at('NEW FAILURES (1)') && at('NEW FAILURES (1)') < at('FAILING NOW (2') && at('FAILING NOW') < at('PROJECTS'));
  t.regex(text, / {4}NEW RELEASE lib@1\.0\.1 \(what \^1\.0\.0 takes; locked 1\.0\.0; published 2026-01-01T12:00:00\.000Z\) {2}FAIL\n {6}\+ finding/);
  t.regex(text, / {4}NEW PACKAGE fresh@2\.0\.0 {2}PASS/);
  t.regex(text, / {4}REMOVED gone@0\.1\.0\n/);
  t.regex(text, / {2}web: evil@1\.0\.0: HIGH opens a network connection/);
});

test('the Markdown sweep names the failing release, what it adds, and escapes what packages did', (t) => {
  const markdown = formatSweepMarkdown(sampleSweep());
  t.regex(markdown, /^### dynaudit sweep: \*\*FAIL\*\* — 1 new failure\(s\);/);
  t.true(markdown.includes('- **new release** `lib@1.0.1 (what ^1.0.0 takes; locked 1.0.0; published 2026-01-01T12:00:00.000Z)`: **FAIL**'));
  t.true(markdown.includes('  - + host `beacon.example`'));
  t.true(markdown.includes('- `lib@1.0.1` in web (new release, not installed yet): **HIGH** `sends an HTTP request GET http://beacon.example/x`'));
  t.false(/^[^`]*<script/m.test(markdown));
});

test('the HTML sweep has its sections and the package history, all escaped', (t) => {
  const history = [{ project: 'web', kind: 'locked' as const, name: 'lib', points: [{ run: 'r1', at: '2026-01-01', versions: ['1.0.0'], verdict: 'pass' as const, behaviourChanged: false }] }];
  const page = formatSweepHtml(sampleSweep(), history);
  for (const id of ['changes', 'new-failures', 'releases', 'history', 'projects']) t.true(page.includes(`<section id="${id}">`), id);
  t.regex(page, /<tr data-package="lib" data-kind="locked">.*1\.0\.0 <span class="sev verdict-pass">PASS<\/span>/);
  t.false(/<script/i.test(page));
});

test('the SARIF sweep is one valid run: packages located by the locator, new ones marked new', (t) => {
  const log = JSON.parse(formatSweepSarif(sampleSweep(), (project, name) => ({ uri: `${project}/package-lock.json`, line: name.length }))) as import('sarif').Log;
  t.deepEqual(schemaErrors(validateSarifDocument, log), []);
  t.is(log.runs.length, 1);
  const results = (log.runs[0]?.results ?? []).map((result) => [result.ruleId, (result.properties as { package: string }).package, result.baselineState, result.locations?.[0]?.physicalLocation?.region?.startLine]);
  t.deepEqual(results, [
    ['network-connect', 'evil', 'unchanged', 4],
    ['http-request', 'lib', 'new', 3],
  ]);
  t.deepEqual(log.runs[0]?.tool.driver.rules?.map((rule) => rule.id), ['network-connect', 'http-request']);
});
