import test from 'ava';
import { formatJson, formatJsonError } from '../../../src/report/format-json.js';
import { finding, report } from './helpers.js';

test('the JSON report parses back to the same report', (t) => {
  const original = report({ verdict: 'fail', findings: [finding()], installScripts: [{ name: 'evil', version: '1.0.0' }] });
  t.deepEqual(JSON.parse(formatJson(original)), original);
});

test('the JSON report carries the contract fields', (t) => {
  const parsed = JSON.parse(formatJson(report({ verdict: 'warn', findings: [finding({ severity: 'medium' })] }))) as Record<string, unknown>;
  t.is(parsed.schemaVersion, 1);
  t.is(parsed.verdict, 'warn');
  t.deepEqual(Object.keys(parsed.package as object).sort(), ['integrity', 'name', 'source', 'version']);
  const findingKeys = Object.keys((parsed.findings as object[])[0] ?? {}).sort();
  t.deepEqual(findingKeys, ['attribution', 'category', 'evidence', 'phase', 'rule', 'severity', 'summary']);
  t.deepEqual(Object.keys((parsed.phases as object[])[0] ?? {}).sort(), ['durationMs', 'exitCode', 'name', 'status']);
  t.truthy(parsed.observed);
});

test('the JSON report is one document ending with a newline', (t) => {
  const text = formatJson(report());
  t.true(text.endsWith('}\n'));
  t.notThrows(() => JSON.parse(text));
});

test('the error shape has verdict error, the code and the message', (t) => {
  const parsed = JSON.parse(formatJsonError('E_POLICY', 'invalid policy x.yaml:3: version must be 1')) as unknown;
  t.deepEqual(parsed, { schemaVersion: 1, verdict: 'error', error: { code: 'E_POLICY', message: 'invalid policy x.yaml:3: version must be 1' } });
});
