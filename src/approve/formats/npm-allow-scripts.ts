/**
 * npm 12's `allowScripts` in the root package.json (RFC 0054; npm 11.16+
 * reads it and only warns): `"name@1.2.3": true`, exact versions joined by
 * `||`, `false` wins over any approval. npm matches a registry package by
 * the name and version of its lockfile `resolved` URL; without one it
 * cannot check the version, so only an approval by name works.
 */
import { formatJsonText, isRecord, jsonKeyLine, parseJsonText } from '../json-text.js';
import { unresolvedNpmPackages } from '../npm-unpinned.js';
import type { ApprovalFormat, ProjectFiles, ScriptedPackage } from '../types.js';
import { applyKeyEdits, lookupVersionKeys, planKeyEdits } from '../version-keys.js';

const FIELD = 'allowScripts';

function entriesOf(files: ProjectFiles): [string, unknown][] {
  const field = parseJsonText(files['package.json'], 'package.json').value[FIELD];
  return isRecord(field) ? Object.entries(field) : [];
}

function versionKnown(files: ProjectFiles): (pkg: ScriptedPackage) => boolean {
  const unresolved = unresolvedNpmPackages(files.lockfile.text);
  return (pkg) => !unresolved.has(`${pkg.name}@${pkg.version}`);
}

export const npmFormat: ApprovalFormat = {
  manager: 'npm',
  describe: 'allowScripts in package.json',
  file: 'package.json',
  lookup: (files, pkg) => lookupVersionKeys(entriesOf(files), pkg.name, pkg.version, true, versionKnown(files)(pkg)),
  apply(files, decisions) {
    const json = parseJsonText(files['package.json'], 'package.json');
    const entries = entriesOf(files);
    const known = versionKnown(files);
    const { edits, notes } = planKeyEdits(entries, decisions, true, (decision) => known(decision.pkg));
    if (edits.length === 0) return { text: files['package.json'], notes };
    const value = { ...json.value, [FIELD]: Object.fromEntries(applyKeyEdits(entries, edits, (approved) => approved)) };
    return { text: formatJsonText(value, json), notes };
  },
  lineOf: (files, key) => jsonKeyLine(files['package.json'], [FIELD], key),
};
