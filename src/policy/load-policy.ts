/**
 * Reads policy files: YAML, validated against the policy JSON Schema
 * (schemas/policy.schema.json) and then rule by rule. An invalid file is a
 * DynauditError E_POLICY naming the file, the line and what is wrong.
 * Later files override earlier ones: same rule id replaces, failOn wins,
 * allowlist entries add up. With a cache (policy-cache.ts), a file parsed
 * before is not parsed again, and yaml and ajv are loaded only for a file
 * that is.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import { DynauditError } from '../common/errors.js';
import type { Severity } from '../events/finding.js';
import { checkPolicySchema } from './check-policy-schema.js';
import { cachedPolicy, keepPolicy, type PolicyCache } from './policy-cache.js';
import { PolicyProblem } from './policy-problem.js';
import type { AllowEntry, Policy, PolicyFile, Rule } from './policy-types.js';
import { validateAllowEntry, validateRule } from './validate-rule.js';

/** yaml (CommonJS), loaded on the first parse: about 0.1 s a run whose policies all come from the cache does without. */
function yaml(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}

function lineOf(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number | null {
  const { isMap, isScalar } = yaml();
  for (let length = path.length; length >= 0; length -= 1) {
    // A mapping key's own line, not its value's (a nested value starts on a later line).
    const parent = length > 0 ? doc.getIn(path.slice(0, length - 1), true) : undefined;
    const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === path[length - 1]) : undefined;
    if (isScalar(pair?.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
    const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return null;
}

export function parsePolicy(text: string, file: string): PolicyFile {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  const fail = (line: number | null, message: string): never => {
    throw new DynauditError('E_POLICY', `invalid policy ${file}${line === null ? '' : `:${line}`}: ${message}`);
  };
  const yamlError = doc.errors[0];
  if (yamlError) fail(lineCounter.linePos(yamlError.pos[0]).line, `not valid YAML (${yamlError.message.split('\n')[0]})`);
  const root = doc.toJS() as unknown;
  try {
    checkPolicySchema(root);
    const { failOn, rules = [], allow = [] } = root as { failOn?: Severity; rules?: unknown[]; allow?: unknown[] };
    const parsed = rules.map((rule, index) => validateRule(rule, ['rules', index]));
    const seen = new Set<string>();
    parsed.forEach((rule, index) => {
      if (seen.has(rule.id)) throw new PolicyProblem(['rules', index, 'id'], `duplicate rule id "${rule.id}"`);
      seen.add(rule.id);
    });
    const entries = allow.map((entry, index) => ({ ...validateAllowEntry(entry, ['allow', index]), source: file }));
    return {
      version: 1,
      ...(failOn === undefined ? {} : { failOn }),
      rules: parsed,
      ...(entries.length > 0 ? { allow: entries } : {}),
    };
  } catch (error) {
    if (error instanceof PolicyProblem) return fail(lineOf(doc, lineCounter, error.path), error.message);
    throw error;
  }
}

export function mergePolicies(policies: readonly (PolicyFile & { file: string })[]): Policy {
  const rules = new Map<string, Rule>();
  const allow: AllowEntry[] = [];
  let failOn: Severity = 'high';
  for (const policy of policies) {
    failOn = policy.failOn ?? failOn;
    for (const rule of policy.rules) rules.set(rule.id, rule);
    allow.push(...(policy.allow ?? []));
  }
  return {
    version: 1,
    failOn,
    rules: [...rules.values()],
    ...(allow.length > 0 ? { allow } : {}),
    sources: policies.map((policy) => policy.file),
  };
}

/** One file's policy: the cache's parse of its text, or a parse of it (then kept in the cache). */
async function loadPolicy(file: string, cache: PolicyCache | undefined): Promise<PolicyFile & { file: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DynauditError('E_POLICY', `cannot read policy ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      cause: error,
    });
  }
  const cached = cache && (await cachedPolicy(cache, file, text));
  if (cached) return { ...cached, file };
  const parsed = parsePolicy(text, file);
  if (cache) await keepPolicy(cache, file, text, parsed);
  return { ...parsed, file };
}

export async function loadPolicies(files: readonly string[], cache?: PolicyCache): Promise<Policy> {
  const loaded = [];
  for (const file of files) loaded.push(await loadPolicy(file, cache));
  return mergePolicies(loaded);
}
