/**
 * bun's `trustedDependencies` in package.json: an array of package names,
 * no versions, no deny. A name is trusted only when every version of it in
 * the lockfile passes; a name with a failing version leaves the list. While
 * the field is absent bun trusts its own default list of popular packages,
 * so writing the field (even empty) is what makes a denial explicit.
 */
import { formatJsonText, jsonKeyLine, parseJsonText } from '../json-text.js';
import type { ApprovalFormat, Decision, ProjectFiles } from '../types.js';

const FIELD = 'trustedDependencies';

function trustedOf(files: ProjectFiles): string[] | null {
  const field = parseJsonText(files['package.json'], 'package.json').value[FIELD];
  return Array.isArray(field) ? field.filter((name): name is string => typeof name === 'string') : null;
}

function byName(decisions: readonly Decision[]): Map<string, Decision[]> {
  const names = new Map<string, Decision[]>();
  for (const decision of decisions) names.set(decision.pkg.name, [...(names.get(decision.pkg.name) ?? []), decision]);
  return names;
}

export const bunFormat: ApprovalFormat = {
  manager: 'bun',
  describe: 'trustedDependencies in package.json',
  file: 'package.json',
  lookup(files, pkg) {
    return trustedOf(files)?.includes(pkg.name) ? { state: 'allowed', key: pkg.name } : { state: 'unset' };
  },
  apply(files, decisions) {
    const json = parseJsonText(files['package.json'], 'package.json');
    const before = trustedOf(files);
    const trusted = new Set(before ?? []);
    const notes: string[] = [];
    for (const [name, group] of byName(decisions)) {
      const actions = new Set(group.map((decision) => decision.action));
      if (actions.has('deny')) trusted.delete(name);
      else if (actions.size === 1 && actions.has('approve')) trusted.add(name);
      else if (actions.has('approve')) notes.push(`bun trusts by name only: ${name} has versions to review, so it is not trusted`);
    }
    const after = [...trusted];
    const denies = decisions.some((decision) => decision.action === 'deny');
    if (before !== null && after.length === before.length && after.every((name, index) => name === before[index])) return { text: files['package.json'], notes };
    if (before === null && after.length === 0 && !denies) return { text: files['package.json'], notes };
    return { text: formatJsonText({ ...json.value, [FIELD]: after }, json), notes };
  },
  lineOf: (files, key) => {
    const field = jsonKeyLine(files['package.json'], [], FIELD);
    if (field === null) return null;
    const index = files['package.json'].split('\n').findIndex((line, at) => at >= field - 1 && line.includes(JSON.stringify(key)));
    return index === -1 ? field : index + 1;
  },
};
