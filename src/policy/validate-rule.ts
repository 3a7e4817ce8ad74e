/**
 * Validates one rule (or allowlist entry) of a policy file: its shape
 * against the JSON Schema, then what a schema cannot say (address ranges,
 * message placeholders, semver ranges). Problems carry the YAML path.
 */
import semver from 'semver';
import { isValidRange } from './address-range.js';
import { checkDefinition } from './check-policy-schema.js';
import { PolicyProblem } from './policy-problem.js';
import type { AllowEntry, Conditions, Rule } from './policy-types.js';

type Path = readonly (string | number)[];

const PLACEHOLDERS = new Set(['path', 'destination', 'name', 'executable', 'command', 'url', 'token', 'detail']);

function checkConditions(conditions: Conditions, path: Path): void {
  for (const key of ['address', 'addressNot'] as const) {
    conditions[key]?.forEach((range, index) => {
      if (!isValidRange(range)) throw new PolicyProblem([...path, key, index], `${key} must be a list of IP addresses or CIDR ranges, got "${range}"`);
    });
  }
}

export function validateRule(value: unknown, path: Path): Rule {
  checkDefinition('rule', value, path);
  const rule = value as Rule;
  for (const [, placeholder] of rule.message.matchAll(/\{([a-z]+)\}/g)) {
    if (!PLACEHOLDERS.has(placeholder ?? '')) {
      throw new PolicyProblem([...path, 'message'], `message uses unknown placeholder {${placeholder}} (known: ${[...PLACEHOLDERS].map((p) => `{${p}}`).join(' ')})`);
    }
  }
  checkConditions(rule.match, [...path, 'match']);
  rule.except?.forEach((conditions, index) => checkConditions(conditions, [...path, 'except', index]));
  return rule;
}

export function validateAllowEntry(value: unknown, path: Path): AllowEntry {
  checkDefinition('allow', value, path);
  const entry = value as AllowEntry;
  if (entry.version !== undefined && semver.validRange(entry.version) === null) {
    throw new PolicyProblem([...path, 'version'], `version must be a semver range (e.g. ">=1.2.0 <2"), got "${entry.version}"`);
  }
  return entry;
}
