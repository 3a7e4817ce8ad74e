import test from 'ava';
import type { Log } from 'sarif';
import { formatSarif } from '../../../src/report/format-sarif.js';
import { schemaErrors, validateSarifDocument } from '../../helpers/json-schemas.js';
import { finding, report } from './helpers.js';
import { richReport } from './sample-report.js';

function sarif(...args: Parameters<typeof formatSarif>): Log {
  return JSON.parse(formatSarif(...args)) as Log;
}

test('the SARIF log of a report with findings is valid SARIF 2.1.0', (t) => {
  const text = formatSarif(richReport(), { location: { uri: 'package-lock.json', line: 42 } });
  t.deepEqual(schemaErrors(validateSarifDocument, JSON.parse(text)), []);
  t.true(text.endsWith('}\n'));
});

test('the SARIF log of a clean report is valid SARIF with one run and no results', (t) => {
  const log = sarif(report());
  t.deepEqual(schemaErrors(validateSarifDocument, log), []);
  t.is(log.version, '2.1.0');
  t.is(log.runs.length, 1);
  t.deepEqual(log.runs[0]?.results, []);
  t.deepEqual(log.runs[0]?.tool.driver.rules, []);
});

test('each rule behind a result has an id, a name, descriptions, help text and a security severity for code scanning', (t) => {
  const rules = sarif(richReport()).runs[0]?.tool.driver.rules ?? [];
  t.deepEqual(
    rules.map((rule) => rule.id),
    ['network-connect', 'credential-read', 'dns-query', 'install-script'],
  );
  for (const rule of rules) {
    t.regex(rule.name ?? '', /^[A-Z][A-Za-z0-9]+$/);
    t.truthy(rule.shortDescription?.text);
    t.truthy(rule.fullDescription?.text);
    t.truthy(rule.help?.text);
    t.regex(String(rule.properties?.['security-severity']), /^\d+\.\d$/);
    t.true((rule.properties?.tags as string[]).includes('security'));
  }
  t.is(rules[1]?.properties?.['security-severity'], '9.5');
  t.is(rules[1]?.defaultConfiguration?.level, 'error');
  t.is(rules[3]?.defaultConfiguration?.level, 'note');
});

test('results point at the given file and line, name their rule by id and index, and carry a stable fingerprint', (t) => {
  const first = sarif(richReport(), { location: { uri: 'package-lock.json', line: 42 } });
  const again = sarif(richReport({ startedAt: '2026-02-02T00:00:00.000Z' }), { location: { uri: 'package-lock.json', line: 42 } });
  const results = first.runs[0]?.results ?? [];
  t.is(results.length, 4);
  for (const result of results) {
    t.deepEqual(result.locations?.[0]?.physicalLocation, { artifactLocation: { uri: 'package-lock.json' }, region: { startLine: 42 } });
    t.is(first.runs[0]?.tool.driver.rules?.[result.ruleIndex ?? -1]?.id, result.ruleId);
  }
  t.deepEqual(
    results.map((result) => result.partialFingerprints),
    (again.runs[0]?.results ?? []).map((result) => result.partialFingerprints),
  );
  t.is(new Set(results.map((result) => result.partialFingerprints?.['dynauditFinding/v1'])).size, 4);
});

test('without a known location results point at package.json line 1', (t) => {
  const [result] = sarif(report({ findings: [finding()] })).runs[0]?.results ?? [];
  t.deepEqual(result?.locations?.[0]?.physicalLocation, { artifactLocation: { uri: 'package.json' }, region: { startLine: 1 } });
});

test('severities map to SARIF levels and the message names the package, the phase and the evidence', (t) => {
  const results = sarif(richReport()).runs[0]?.results ?? [];
  t.deepEqual(
    results.map((result) => result.level),
    ['error', 'error', 'error', 'note'],
  );
  t.regex(results[0]?.message.text ?? '', /^evil@1\.0\.0: opens a network connection to tcp 203\.0\.113\.5:443 \(install phase, by evil \(lifecycle-script\)\)\.\n- pid 201/);
});

test('an allowed finding is a result with an external, accepted suppression carrying the reason', (t) => {
  const results = sarif(richReport()).runs[0]?.results ?? [];
  const suppressed = results.filter((result) => result.suppressions);
  t.is(suppressed.length, 1);
  t.is(suppressed[0]?.ruleId, 'install-script');
  t.deepEqual(suppressed[0]?.suppressions, [{ kind: 'external', status: 'accepted', justification: 'reviewed by the security team' }]);
});

test('a run is categorised per package so that uploads for different packages do not close each other alerts', (t) => {
  t.is(sarif(richReport()).runs[0]?.automationDetails?.id, 'dynaudit/evil/');
});

test('a finding whose rule is not in the report still gets a rule descriptor', (t) => {
  const log = sarif(report({ findings: [finding({ rule: 'custom-rule' })] }));
  t.deepEqual(log.runs[0]?.tool.driver.rules?.map((rule) => rule.id), ['custom-rule']);
  t.deepEqual(schemaErrors(validateSarifDocument, log), []);
});
