/** The four report formats of a real analysis: JSON and SARIF against their schemas, HTML rendered by headless Chromium. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { dumpDom, pngSize, screenshot } from '../helpers/chromium.js';
import { schemaErrors, validateReportDocument, validateSarifDocument } from '../helpers/json-schemas.js';
import { fixturePackage, runCli } from '../helpers/run-cli.js';

const DOWNLOADER = fixturePackage('postinstall-downloader');

test('a real JSON report of a failing package matches the report schema', async (t) => {
  const result = await runCli(['analyze', DOWNLOADER, '--format', 'json']);
  t.is(result.exitCode, 1, result.stderr);
  const report = JSON.parse(result.stdout) as { findings: unknown[]; timeline: unknown[]; rules: unknown[] };
  t.deepEqual(schemaErrors(validateReportDocument, report), []);
  t.true(report.findings.length > 0);
  t.true(report.timeline.length > 0);
  t.true(report.rules.length > 0);
});

test('a real SARIF report is valid SARIF 2.1.0 pointing at the package folder package.json', async (t) => {
  const result = await runCli(['analyze', './test/fixtures/packages/postinstall-downloader', '--format', 'sarif']);
  t.is(result.exitCode, 1, result.stderr);
  const log = JSON.parse(result.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: unknown }[] }[] }[] };
  t.deepEqual(schemaErrors(validateSarifDocument, log), []);
  const results = log.runs[0]?.results ?? [];
  t.true(results.some((r) => r.ruleId === 'downloader-spawn'));
  t.deepEqual(results[0]?.locations[0]?.physicalLocation, {
    artifactLocation: { uri: 'test/fixtures/packages/postinstall-downloader/package.json' },
    region: { startLine: 1 },
  });
});

test('a real HTML report renders in headless Chromium with its verdict, findings, process tree, timeline and network table', async (t) => {
  const result = await runCli(['analyze', DOWNLOADER, '--format', 'html']);
  t.is(result.exitCode, 1, result.stderr);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-html-'));
  try {
    const page = path.join(dir, 'report.html');
    await writeFile(page, result.stdout);
    const dom = await dumpDom(page);
    t.regex(dom, /<main id="report" data-verdict="fail">/);
    t.regex(dom, /<span class="verdict verdict-fail" id="verdict">FAIL<\/span>/);
    for (const id of ['findings', 'process-tree', 'timeline', 'network']) t.true(dom.includes(`<section id="${id}">`), id);
    t.regex(dom, /data-rule="downloader-spawn"/);
    t.regex(dom, /curl -fsS http:\/\/stage2\.dynaudit-test\.example\/x\.sh/);
    const png = await screenshot(page, path.join(dir, 'report.png'));
    t.is(png.subarray(1, 4).toString('latin1'), 'PNG');
    t.deepEqual(pngSize(png), { width: 1280, height: 2000 });
    t.true(png.length > 20_000, `screenshot of ${png.length} bytes looks blank`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
