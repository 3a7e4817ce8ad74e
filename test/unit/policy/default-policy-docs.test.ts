import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { loadPolicies } from '../../../src/policy/load-policy.js';

const policy = await loadPolicies([fileURLToPath(new URL('../../../policies/default.yaml', import.meta.url))]);
const policyDoc = await readFile(new URL('../../../docs/policy.md', import.meta.url), 'utf8');

/** Rows of docs/policy.md's default-rules table: | `id` | category | severity | fires on | why | */
const rows = [...policyDoc.matchAll(/^\| `([a-z][a-z0-9-]*)` \| ([a-z-]+) \| (low|medium|high|critical) \| (.+) \| (.+) \|$/gm)];

test('every default rule is documented in the table of docs/policy.md with its category and severity, and nothing else is', (t) => {
  const byId = (a: string[], b: string[]) => (a[0] ?? '').localeCompare(b[0] ?? '');
  t.deepEqual(
    rows.map(([, id, category, severity]) => [id ?? '', category ?? '', severity ?? '']).sort(byId),
    policy.rules.map((rule) => [rule.id, rule.category, rule.severity]).sort(byId),
  );
});

test('every row of that table says what the rule fires on and why', (t) => {
  for (const [, id, , , firesOn, why] of rows) {
    t.true((firesOn ?? '').length > 10, id);
    t.true((why ?? '').length > 10, id);
  }
});
