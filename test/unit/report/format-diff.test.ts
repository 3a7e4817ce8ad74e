import test from 'ava';
import { formatDiffSarif } from '../../../src/report/format-changes-sarif.js';
import { formatDiffHtml } from '../../../src/report/format-diff-html.js';
import { formatDiffMarkdown } from '../../../src/report/format-diff-markdown.js';
import { formatDiffJson, formatDiffText } from '../../../src/report/format-diff.js';
import { schemaErrors, validateSarifDocument } from '../../helpers/json-schemas.js';
import { sampleDiff } from './sample-changes.js';
import { HOSTILE } from './sample-report.js';

test('the text diff leads with the verdict and both versions, then each added and removed item', (t) => {
  const text = formatDiffText(sampleDiff(), { color: false });
  const lines = text.split('\n');
  t.is(lines[0], 'FAIL  lib@1.0.0 -> lib@1.0.1 adds a finding at or above high');
  t.is(lines[1], '  from lib@1.0.0: pass, 1 package(s) in its tree, all from the store');
  t.regex(text, /ADDED\n {2}\+ finding +HIGH sends an HTTP request GET http:\/\/beacon\.example\/x \[http-request\] \(lib@1\.0\.1\)\n {2}\+ dependency +helper@2\.0\.0\n {2}\+ host +beacon\.example\n/);
  t.regex(text, /REMOVED\n {2}- DNS name +old\.example\n$/);
  const nothing = { ...sampleDiff().removed, dnsNames: [] };
  t.regex(formatDiffText(sampleDiff({ verdict: 'pass', added: nothing, removed: nothing }), { color: false }), /^PASS .* adds nothing\n[\s\S]*ADDED\n {2}\(nothing\)\n\nREMOVED\n {2}\(nothing\)\n$/);
});

test('the JSON diff is the report as is, kind diff', (t) => {
  t.deepEqual(JSON.parse(formatDiffJson(sampleDiff())), sampleDiff());
});

test('the Markdown diff names both versions and keeps what the package did in code spans', (t) => {
  const markdown = formatDiffMarkdown(sampleDiff());
  t.regex(markdown, /^### dynaudit diff: \*\*FAIL\*\*/);
  t.true(markdown.includes('- from: `lib@1.0.0`'));
  t.true(markdown.includes('- + **HIGH** `sends an HTTP request GET http://beacon.example/x [http-request] (lib@1.0.1)`'));
  t.true(markdown.includes(`- + process \`node beacon.js ${HOSTILE}\``));
  t.false(/^[^`]*<script/m.test(markdown), 'markup only inside code spans');
});

test('the HTML diff escapes everything and lists added and removed items', (t) => {
  const page = formatDiffHtml(sampleDiff());
  t.regex(page, /<main id="diff" data-verdict="fail">/);
  t.false(/<script/i.test(page));
  t.true(page.includes('&lt;script&gt;'));
  t.regex(page, /<li class="added" data-kind="host"><span class="label">\+ host<\/span> beacon\.example<\/li>/);
  t.regex(page, /<li class="removed" data-kind="DNS name">/);
});

test('the SARIF diff is valid, one run whose results are the added findings, new', (t) => {
  const log = JSON.parse(formatDiffSarif(sampleDiff(), { uri: 'package.json', line: 7 })) as import('sarif').Log;
  t.deepEqual(schemaErrors(validateSarifDocument, log), []);
  t.is(log.runs.length, 1);
  t.deepEqual(log.runs[0]?.results?.map((result) => [result.ruleId, result.baselineState, result.locations?.[0]?.physicalLocation?.region?.startLine]), [['http-request', 'new', 7]]);
  t.is(log.runs[0]?.automationDetails?.id, 'dynaudit/diff/lib/');
});
