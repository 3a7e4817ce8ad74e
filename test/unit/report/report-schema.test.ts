import test from 'ava';
import { formatJson, formatJsonError } from '../../../src/report/format-json.js';
import { schemaErrors, validateReportDocument } from '../../helpers/json-schemas.js';
import { finding, report } from './helpers.js';
import { richReport } from './sample-report.js';

function errors(text: string): string[] {
  return schemaErrors(validateReportDocument, JSON.parse(text));
}

test('a report without findings matches the report schema', (t) => {
  t.deepEqual(errors(formatJson(report())), []);
});

test('a report with findings, allowed findings, rules and a timeline matches the report schema', (t) => {
  t.deepEqual(errors(formatJson(richReport())), []);
});

test('the error shape printed when no analysis could be done matches the report schema', (t) => {
  t.deepEqual(errors(formatJsonError('E_POLICY', 'invalid policy x.yaml:3: version must be 1')), []);
});

test('the report schema rejects a category outside the closed set', (t) => {
  const bad = JSON.parse(formatJson(report({ findings: [finding()] }))) as { findings: { category: string }[] };
  bad.findings[0]!.category = 'malware';
  t.notDeepEqual(schemaErrors(validateReportDocument, bad), []);
});

test('the report schema rejects an unknown verdict and a missing package', (t) => {
  const bad = JSON.parse(formatJson(report())) as Record<string, unknown>;
  t.notDeepEqual(schemaErrors(validateReportDocument, { ...bad, verdict: 'maybe' }), []);
  delete bad.package;
  t.notDeepEqual(schemaErrors(validateReportDocument, bad), []);
});

test('the report schema accepts fields added later within schema version 1', (t) => {
  const extended = { ...(JSON.parse(formatJson(report())) as object), store: { hit: true } };
  t.deepEqual(schemaErrors(validateReportDocument, extended), []);
});
