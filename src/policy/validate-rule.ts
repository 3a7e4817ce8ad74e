/** Validates one rule of a policy file (pure); problems carry the YAML path. */
import { FINDING_CATEGORIES, SEVERITIES, type FindingCategory, type Severity } from '../events/finding.js';
import { PolicyProblem } from './policy-problem.js';
import type { Actor, EventKind, Rule, RuleMatch } from './policy-types.js';

const EVENT_KINDS: readonly EventKind[] = ['process', 'file', 'connect', 'dns'];
const ACTORS: readonly Actor[] = ['lifecycle-script', 'import'];
const LIST_KEYS = ['path', 'pathNot', 'executable', 'ancestorNot', 'addressNot'] as const;
const MATCH_KEYS = new Set<string>(['event', 'by', 'access', 'parentNot', ...LIST_KEYS]);

type Path = readonly (string | number)[];

function stringList(value: unknown, path: Path): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new PolicyProblem(path, `${String(path.at(-1))} must be a list of non-empty strings`);
  }
  return value as string[];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: Path): T {
  const name = path.findLast((part) => typeof part === 'string');
  if (!allowed.includes(value as T)) throw new PolicyProblem(path, `${String(name)} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function validateMatch(value: unknown, path: Path): RuleMatch {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PolicyProblem(path, 'match must be a mapping');
  const match = value as Record<string, unknown>;
  for (const key of Object.keys(match)) if (!MATCH_KEYS.has(key)) throw new PolicyProblem([...path, key], `unknown match key "${key}"`);
  const result: Record<string, unknown> = { event: oneOf(match.event, EVENT_KINDS, [...path, 'event']) };
  if (match.by !== undefined) {
    result.by = stringList(match.by, [...path, 'by']).map((actor, index) => oneOf(actor, ACTORS, [...path, 'by', index]));
  }
  if (match.access !== undefined) result.access = oneOf(match.access, ['read', 'write'] as const, [...path, 'access']);
  if (match.parentNot !== undefined) result.parentNot = oneOf(match.parentNot, ['package-manager'] as const, [...path, 'parentNot']);
  for (const key of LIST_KEYS) if (match[key] !== undefined) result[key] = stringList(match[key], [...path, key]);
  return result as unknown as RuleMatch;
}

export function validateRule(value: unknown, path: Path): Rule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PolicyProblem(path, 'each rule must be a mapping');
  const rule = value as Record<string, unknown>;
  const known = new Set(['id', 'category', 'severity', 'message', 'rationale', 'match']);
  for (const key of Object.keys(rule)) if (!known.has(key)) throw new PolicyProblem([...path, key], `unknown rule key "${key}"`);
  if (typeof rule.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(rule.id)) {
    throw new PolicyProblem([...path, 'id'], 'id must be lower-case kebab-case (e.g. network-connect)');
  }
  for (const key of ['message', 'rationale'] as const) {
    if (typeof rule[key] !== 'string' || rule[key] === '') throw new PolicyProblem([...path, key], `rule "${rule.id}" needs a ${key}`);
  }
  return {
    id: rule.id,
    category: oneOf<FindingCategory>(rule.category, FINDING_CATEGORIES, [...path, 'category']),
    severity: oneOf<Severity>(rule.severity, SEVERITIES, [...path, 'severity']),
    message: rule.message as string,
    rationale: rule.rationale as string,
    match: validateMatch(rule.match, [...path, 'match']),
  };
}
