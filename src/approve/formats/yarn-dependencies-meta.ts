/**
 * Yarn (berry)'s `dependenciesMeta` in package.json: `"name@1.2.3": {"built":
 * false}` disables a version's build scripts whatever else says, `built:
 * true` allows them even with `enableScripts: false` (.yarnrc.yml; the
 * default since yarn 4.14, scripts ran by default before). A version's entry
 * is merged over the name's. Yarn 1 ignores the field.
 */
import { parse } from 'yaml';
import { formatJsonText, isRecord, jsonKeyLine, parseJsonText } from '../json-text.js';
import type { ApprovalFormat, ApprovalLookup, ProjectFiles, ScriptedPackage } from '../types.js';

const FIELD = 'dependenciesMeta';

function metaOf(files: ProjectFiles): Record<string, unknown> {
  const field = parseJsonText(files['package.json'], 'package.json').value[FIELD];
  return isRecord(field) ? field : {};
}

/** Whether scripts run when nothing says otherwise: only an explicit `enableScripts: false` says no (older yarns ran them by default). */
function scriptsByDefault(files: ProjectFiles): boolean {
  const rc: unknown = files['.yarnrc.yml'] === null ? null : parse(files['.yarnrc.yml']);
  return !(isRecord(rc) && rc['enableScripts'] === false);
}

function lookup(files: ProjectFiles, pkg: ScriptedPackage): ApprovalLookup {
  const meta = metaOf(files);
  const versionKey = `${pkg.name}@${pkg.version}`;
  for (const key of [versionKey, pkg.name]) {
    const built = isRecord(meta[key]) ? meta[key]['built'] : undefined;
    if (built === false) return { state: 'denied', key };
    if (built === true) return { state: 'allowed', key };
  }
  return { state: scriptsByDefault(files) ? 'allowed' : 'unset' };
}

export const yarnFormat: ApprovalFormat = {
  manager: 'yarn',
  describe: 'dependenciesMeta in package.json',
  file: 'package.json',
  lookup,
  apply(files, decisions) {
    const json = parseJsonText(files['package.json'], 'package.json');
    const meta = { ...metaOf(files) };
    const notes: string[] = [];
    for (const { pkg, action } of decisions) {
      const current = lookup(files, pkg);
      const key = `${pkg.name}@${pkg.version}`;
      if (action === 'approve' && current.state === 'denied') notes.push(`${key} passes but the project denies it ("${current.key}"): left denied`);
      const built = action === 'approve' ? current.key === undefined : action === 'deny' && current.state !== 'denied';
      if (built) meta[key] = { ...(isRecord(meta[key]) ? meta[key] : {}), built: action === 'approve' };
    }
    if (JSON.stringify(meta) === JSON.stringify(metaOf(files))) return { text: files['package.json'], notes };
    return { text: formatJsonText({ ...json.value, [FIELD]: meta }, json), notes };
  },
  lineOf: (files, key) => jsonKeyLine(files['package.json'], [FIELD], key),
};
