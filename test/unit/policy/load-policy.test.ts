import test from 'ava';
import { fileURLToPath } from 'node:url';
import { DynauditError } from '../../../src/common/errors.js';
import { loadPolicies, mergePolicies, parsePolicy } from '../../../src/policy/load-policy.js';

const DEFAULT = fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url));

function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/policies/${name}`, import.meta.url));
}

test('the default policy loads with its documented rules and fails on high', async (t) => {
  const policy = await loadPolicies([DEFAULT]);
  // The rules of the policy issue first, in this order; the table of docs/policy.md lists them all (default-policy-docs.test.ts).
  t.deepEqual(
    policy.rules.slice(0, 14).map((rule) => rule.id),
    [
      'network-connect',
      'dns-query',
      'credential-read',
      'downloader-spawn',
      'shell-spawn',
      'reverse-shell',
      'write-outside-package',
      'persistence-write',
      'persistence-spawn',
      'exec-from-temp',
      'cryptominer-spawn',
      'sandbox-probe',
      'import-spawn',
      'install-script',
    ],
  );
  t.is(policy.failOn, 'high');
  t.deepEqual(policy.sources, [DEFAULT]);
});

test('the default policy rates credentials critical, the network high and running an install script low', async (t) => {
  const policy = await loadPolicies([DEFAULT]);
  const severities = Object.fromEntries(policy.rules.map((rule) => [rule.id, rule.severity]));
  t.is(severities['credential-read'], 'critical');
  t.is(severities['network-connect'], 'high');
  t.is(severities['write-outside-package'], 'high');
  t.is(severities['shell-spawn'], 'medium');
  t.is(severities['install-script'], 'low');
});

const invalid: readonly [title: string, file: string, line: number, says: RegExp][] = [
  ['text that is not YAML', 'bad-yaml.yaml', 15, /not valid YAML/],
  ['a version other than 1', 'wrong-version.yaml', 3, /version must be 1/],
  ['an unknown top-level key', 'unknown-top-level-key.yaml', 10, /unknown key "settings"/],
  ['an unknown rule key', 'unknown-rule-key.yaml', 16, /unknown rule key "options"/],
  ['a category outside the closed set', 'bad-category.yaml', 12, /category must be one of/],
  ['an unknown severity', 'bad-severity.yaml', 13, /severity must be one of low, medium, high, critical/],
  ['an unknown match.event', 'bad-event.yaml', 17, /event must be one of process, file, connect, dns, /],
  ['a `by` naming the package manager', 'bad-by.yaml', 20, /by must be one of lifecycle-script, import/],
  ['a duplicate rule id', 'duplicate-id.yaml', 11, /duplicate rule id "first-rule"/],
];

for (const [title, name, line, says] of invalid) {
  test(`a policy with ${title} is rejected with its file and line`, async (t) => {
    const file = fixture(name);
    const error = await t.throwsAsync(loadPolicies([DEFAULT, file]), { instanceOf: DynauditError });
    t.is(error?.code, 'E_POLICY');
    t.true(error?.message.startsWith(`invalid policy ${file}:${line}: `), error?.message);
    t.regex(error?.message ?? '', says);
  });
}

test('an invalid failOn is rejected on its line', (t) => {
  const error = t.throws(() => parsePolicy('version: 1\nfailOn: sometimes\nrules: []\n', 'inline.yaml'), { instanceOf: DynauditError });
  t.is(error?.code, 'E_POLICY');
  t.regex(error?.message ?? '', /^invalid policy inline\.yaml:2: failOn must be one of/);
});

test('a policy without a rules list is rejected', (t) => {
  const error = t.throws(() => parsePolicy('version: 1\nrules: none\n', 'inline.yaml'), { instanceOf: DynauditError });
  t.regex(error?.message ?? '', /^invalid policy inline\.yaml:2: rules must be a list/);
});

test('a policy that is not a mapping is rejected', (t) => {
  const error = t.throws(() => parsePolicy('- version: 1\n', 'inline.yaml'), { instanceOf: DynauditError });
  t.is(error?.code, 'E_POLICY');
  t.regex(error?.message ?? '', /inline\.yaml.*must be a mapping/);
});

test('a rule whose match lacks an event points at the match key', (t) => {
  const text = [
    'version: 1',
    'rules:',
    '  - id: a-rule',
    '    category: dns',
    '    severity: low',
    '    message: m',
    '    rationale: r',
    '    match:',
    '      by: [import]',
  ].join('\n');
  const error = t.throws(() => parsePolicy(text, 'inline.yaml'), { instanceOf: DynauditError });
  t.regex(error?.message ?? '', /^invalid policy inline\.yaml:8: event must be one of/);
});

test('a rule id that is not kebab-case is rejected on its line', (t) => {
  const text = [
    'version: 1',
    'rules:',
    '  - id: Not_Kebab',
    '    category: dns',
    '    severity: low',
    '    message: m',
    '    rationale: r',
    '    match: {event: dns}',
  ].join('\n');
  const error = t.throws(() => parsePolicy(text, 'inline.yaml'), { instanceOf: DynauditError });
  t.regex(error?.message ?? '', /^invalid policy inline\.yaml:3: id must be lower-case kebab-case/);
});

test('a later file replaces a rule with the same id and sets failOn', async (t) => {
  const override = fixture('override-network.yaml');
  const policy = await loadPolicies([DEFAULT, override]);
  const network = policy.rules.filter((rule) => rule.id === 'network-connect');
  t.is(network.length, 1);
  t.is(network[0]?.severity, 'medium');
  t.deepEqual(network[0]?.match.addressNot, ['127.0.0.0/8', '::1', '10.0.0.0/8']);
  t.is(policy.rules.length, (await loadPolicies([DEFAULT])).rules.length);
  t.is(policy.failOn, 'critical');
  t.deepEqual(policy.sources, [DEFAULT, override]);
});

test('a later file adds rules with new ids after the earlier ones', async (t) => {
  const policy = await loadPolicies([DEFAULT, fixture('extra-rule.yaml')]);
  t.is(policy.rules.length, (await loadPolicies([DEFAULT])).rules.length + 1);
  t.is(policy.rules.at(-1)?.id, 'tmp-executable');
});

test('a later file without failOn keeps the threshold of the earlier files', async (t) => {
  const policy = await loadPolicies([DEFAULT, fixture('strict.yaml'), fixture('extra-rule.yaml')]);
  t.is(policy.failOn, 'low');
});

test('the last file that sets failOn wins', async (t) => {
  const policy = await loadPolicies([DEFAULT, fixture('strict.yaml'), fixture('override-network.yaml')]);
  t.is(policy.failOn, 'critical');
});

test('merging no file at all gives an empty policy failing on high', (t) => {
  const policy = mergePolicies([]);
  t.deepEqual(policy, { version: 1, failOn: 'high', rules: [], sources: [] });
});

test('a missing policy file is rejected naming it', async (t) => {
  const missing = fixture('does-not-exist.yaml');
  const error = await t.throwsAsync(loadPolicies([DEFAULT, missing]), { instanceOf: DynauditError });
  t.is(error?.code, 'E_POLICY');
  t.true(error?.message.includes(missing), error?.message);
  t.regex(error?.message ?? '', /ENOENT/);
  t.truthy(error?.cause);
});
