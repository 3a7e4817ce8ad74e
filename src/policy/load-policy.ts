/**
 * Reads policy files: YAML, validated against the policy JSON Schema
 * (schemas/policy.schema.json) and then rule by rule. An invalid file is a
 * DynauditError E_POLICY naming the file, the line and what is wrong.
 * Later files override earlier ones: same rule id replaces, failOn wins,
 * allowlist entries add up.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { DynauditError } from '../common/errors.js';
import type { Severity } from '../events/finding.js';
import { checkPolicySchema } from './check-policy-schema.js';
import { PolicyProblem } from './policy-problem.js';
import type { AllowEntry, Policy, Rule } from './policy-types.js';
import { validateAllowEntry, validateRule } from './validate-rule.js';

function lineOf(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number | null {
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

/** One file's policy; failOn is absent when the file leaves it to earlier files (or the default, high). */
export type PolicyFile = Omit<Policy, 'sources' | 'failOn'> & { readonly failOn?: Severity };

export function parsePolicy(text: string, file: string): PolicyFile {
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

export async function loadPolicies(files: readonly string[]): Promise<Policy> {
  const loaded = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new DynauditError('E_POLICY', `cannot read policy ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        cause: error,
      });
    }
    loaded.push({ ...parsePolicy(text, file), file });
  }
  return mergePolicies(loaded);
}

