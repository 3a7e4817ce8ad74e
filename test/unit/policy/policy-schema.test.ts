import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { DynauditError } from '../../../src/common/errors.js';
import { loadPolicies, parsePolicy } from '../../../src/policy/load-policy.js';
import { POLICY_SCHEMA } from '../../../src/policy/policy-schema.js';

const DEFAULT = fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url));

function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/policies/${name}`, import.meta.url));
}

test('the policy schema file in the repository is the schema the loader uses (run npm run schemas after changing it)', async (t) => {
  const file = JSON.parse(await readFile(new URL('../../../schemas/policy.schema.json', import.meta.url), 'utf8')) as unknown;
  t.deepEqual(file, JSON.parse(JSON.stringify(POLICY_SCHEMA)));
});

const invalid: readonly [title: string, file: string, line: number, says: RegExp][] = [
  ['an allowlist entry without a reason', 'bad-allow-no-reason.yaml', 6, /reason must be a non-empty reason .* \(it is missing\)/],
  ['an allowlist version that is not a semver range', 'bad-allow-range.yaml', 4, /version must be a semver range .*"newest please"/],
  ['an address that is not an IP address or CIDR range', 'bad-address.yaml', 12, /addressNot must be a list of IP addresses or CIDR ranges, got "300\.1\.2\.3\/33"/],
  ['a message placeholder that does not exist', 'bad-placeholder.yaml', 6, /message uses unknown placeholder \{hostname\}/],
  ['an unknown key in an except entry', 'bad-except-key.yaml', 14, /unknown condition key "folder"/],
  ['a port out of range', 'bad-port.yaml', 10, /port must be a list of port numbers \(0-65535\)/],
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

test('an allowlist naming no rule is rejected', (t) => {
  const error = t.throws(() => parsePolicy('version: 1\nallow:\n  - package: esbuild\n    rules: []\n    reason: r\n', 'inline.yaml'));
  t.regex(error?.message ?? '', /^invalid policy inline\.yaml:4: rules must be a non-empty list of rule ids/);
});

test('an allowlist entry with an invalid package name is rejected', (t) => {
  const error = t.throws(() => parsePolicy('version: 1\nallow:\n  - package: Not A Name\n    rules: [x]\n    reason: r\n', 'inline.yaml'));
  t.regex(error?.message ?? '', /^invalid policy inline\.yaml:3: package must be an npm package name/);
});

test('a phase outside install, import and execute is rejected', (t) => {
  const text = 'version: 1\nrules:\n  - id: a\n    category: dns\n    severity: low\n    message: m\n    rationale: r\n    match:\n      event: dns\n      phase: [build]\n';
  const error = t.throws(() => parsePolicy(text, 'inline.yaml'));
  t.regex(error?.message ?? '', /^invalid policy inline\.yaml:10: phase must be one of install, import, execute/);
});

test('an empty policy file is rejected as not a mapping', (t) => {
  const error = t.throws(() => parsePolicy('', 'empty.yaml'));
  t.regex(error?.message ?? '', /^invalid policy empty\.yaml.*: policy must be a mapping/);
});

test('a policy file with only an allowlist is valid and keeps each entry source', async (t) => {
  const file = fixture('allow-native-builds.yaml');
  const policy = await loadPolicies([DEFAULT, file]);
  t.deepEqual(
    policy.allow?.map((entry) => [entry.package, entry.version, entry.rules, entry.source]),
    [
      ['esbuild', '>=0.20.0 <1', ['install-script'], file],
      ['bufferutil', undefined, ['install-script', 'shell-spawn'], file],
    ],
  );
  t.is(policy.rules.length, (await loadPolicies([DEFAULT])).rules.length);
});

test('allowlists of several files add up in order', async (t) => {
  const file = fixture('allow-native-builds.yaml');
  const policy = await loadPolicies([DEFAULT, file, file]);
  t.is(policy.allow?.length, 4);
});

test('the default policy has no allowlist', async (t) => {
  t.is((await loadPolicies([DEFAULT])).allow, undefined);
});

test('every default rule has a rationale long enough to explain itself', async (t) => {
  for (const rule of (await loadPolicies([DEFAULT])).rules) t.true(rule.rationale.length > 60, rule.id);
});
