/**
 * LavaMoat's `lavamoat.allowScripts` in package.json (@lavamoat/allow-scripts):
 * keys are a package's canonical name (its preferred dependency path,
 * `parent>child`) and version joined by `#`. Only `true` on the exact
 * `path#version` allows a script; `false` there, or on the bare path, denies.
 */
import { formatJsonText, isRecord, jsonKeyLine, parseJsonText } from '../json-text.js';
import type { ApprovalFormat, ApprovalLookup, ProjectFiles, ScriptedPackage } from '../types.js';

function allowScriptsOf(files: ProjectFiles): Record<string, unknown> {
  const lavamoat = parseJsonText(files['package.json'], 'package.json').value['lavamoat'];
  return isRecord(lavamoat) && isRecord(lavamoat['allowScripts']) ? lavamoat['allowScripts'] : {};
}

const keyOf = (pkg: ScriptedPackage): string => `${pkg.path}#${pkg.version}`;

function lookup(files: ProjectFiles, pkg: ScriptedPackage): ApprovalLookup {
  const allowScripts = allowScriptsOf(files);
  const key = keyOf(pkg);
  if (allowScripts[key] === true) return { state: 'allowed', key };
  if (allowScripts[key] === false) return { state: 'denied', key };
  return allowScripts[pkg.path] === false ? { state: 'denied', key: pkg.path } : { state: 'unset' };
}

export const lavamoatFormat: ApprovalFormat = {
  manager: 'lavamoat',
  describe: 'lavamoat.allowScripts in package.json',
  file: 'package.json',
  lookup,
  apply(files, decisions) {
    const json = parseJsonText(files['package.json'], 'package.json');
    const allowScripts = { ...allowScriptsOf(files) };
    const notes: string[] = [];
    for (const { pkg, action } of decisions) {
      const current = lookup(files, pkg);
      if (action === 'approve' && current.state === 'denied') notes.push(`${keyOf(pkg)} passes but the project denies it ("${current.key}"): left denied`);
      if (action === 'approve' && current.state === 'unset') allowScripts[keyOf(pkg)] = true;
      if (action === 'deny' && current.state !== 'denied') allowScripts[keyOf(pkg)] = false;
    }
    if (JSON.stringify(allowScripts) === JSON.stringify(allowScriptsOf(files))) return { text: files['package.json'], notes };
    const lavamoat = isRecord(json.value['lavamoat']) ? json.value['lavamoat'] : {};
    return { text: formatJsonText({ ...json.value, lavamoat: { ...lavamoat, allowScripts } }, json), notes };
  },
  lineOf: (files, key) => jsonKeyLine(files['package.json'], ['lavamoat', 'allowScripts'], key),
};
