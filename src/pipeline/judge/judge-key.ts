/**
 * The key a judged report is kept under beside its stored analysis (pure):
 * a hash of everything judging reads besides the events — the effective
 * policy (rules, allowlist), the failOn threshold and the package (a tree
 * analysis is narrowed to it). Any change to those misses and re-judges.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../../events/finding.js';
import type { Policy } from '../../policy/index.js';

/** Bump when judging itself changes in a way the analyzer version does not show. */
const JUDGE_FORMAT = 1;

export function policyHash(policy: Policy, failOn: Severity): string {
  const { sources: _sources, ...effective } = policy;
  return createHash('sha256').update(JSON.stringify({ JUDGE_FORMAT, effective, failOn })).digest('hex');
}

export function judgeKey(policy: string, pkg: { readonly name: string; readonly version: string }): string {
  return `${policy}:${pkg.name}@${pkg.version}`;
}
