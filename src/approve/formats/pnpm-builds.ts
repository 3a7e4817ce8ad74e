/**
 * pnpm's build approvals in pnpm-workspace.yaml. pnpm 10.26+ and 11 read
 * `allowBuilds` (`name@1.2.3: true`, exact versions joined by `||`; pnpm 11
 * lets `false` win, pnpm 10 turns it into its two lists, where an approval
 * wins). pnpm 10.19-10.25 read only `onlyBuiltDependencies` (approved) and
 * `ignoredBuiltDependencies` (denied) lists, with the same pinned entries;
 * pnpm 11 ignores those lists. Keys match pnpm's package names and versions.
 */
import { isScalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ApprovalFormat, ProjectFiles } from '../types.js';
import { lookupVersionKeys, planKeyEdits, type KeyEntry } from '../version-keys.js';
import { parseYamlText, scalarValue, topLevel, yamlEntryLine } from '../yaml-text.js';

const FILE = 'pnpm-workspace.yaml';
const APPROVED_LIST = 'onlyBuiltDependencies';
const DENIED_LIST = 'ignoredBuiltDependencies';

export interface PnpmDialect {
  /** allowBuilds map, or the two lists of pnpm 10.19-10.25. */
  readonly setting: 'allowBuilds' | 'lists';
  /** pnpm 11: a `false` entry beats an approval. */
  readonly denyWins: boolean;
}

function entriesOf(files: ProjectFiles, dialect: PnpmDialect): KeyEntry[] {
  const doc = parseYamlText(files[FILE], FILE);
  if (dialect.setting === 'allowBuilds') {
    const map = topLevel(doc, 'allowBuilds', 'map', false) as YAMLMap | undefined;
    return (map?.items ?? []).map((pair) => [String(scalarValue(pair.key)), scalarValue(pair.value)] as const);
  }
  const list = (key: string, value: boolean): KeyEntry[] =>
    ((topLevel(doc, key, 'seq', false) as YAMLSeq | undefined)?.items ?? []).map((item) => [String(scalarValue(item)), value] as const);
  return [...list(APPROVED_LIST, true), ...list(DENIED_LIST, false)];
}

export function pnpmFormat(dialect: PnpmDialect): ApprovalFormat {
  const where = dialect.setting === 'allowBuilds' ? 'allowBuilds' : `${APPROVED_LIST}/${DENIED_LIST}`;
  return {
    manager: 'pnpm',
    describe: `${where} in ${FILE}`,
    file: FILE,
    lookup: (files, pkg) => lookupVersionKeys(entriesOf(files, dialect), pkg.name, pkg.version, dialect.denyWins),
    apply(files, decisions) {
      const { edits, notes } = planKeyEdits(entriesOf(files, dialect), decisions, dialect.denyWins);
      if (edits.length === 0) return { text: files[FILE] ?? '', notes };
      const doc = parseYamlText(files[FILE], FILE);
      for (const edit of edits) {
        if (dialect.setting === 'allowBuilds') {
          const map = topLevel(doc, 'allowBuilds', 'map', true) as YAMLMap;
          const target = edit.op === 'delete' ? edit.key : edit.replaces;
          const pair = map.items.find((item) => String(scalarValue(item.key)) === target);
          if (edit.op === 'delete') map.delete(pair?.key);
          else if (pair && isScalar(pair.key)) pair.key.value = edit.key;
          else map.add(doc.createPair(edit.key, edit.value));
          continue;
        }
        const lists = [APPROVED_LIST, DENIED_LIST].map((key) => topLevel(doc, key, 'seq', false) as YAMLSeq | undefined);
        const target = edit.op === 'delete' ? edit.key : edit.replaces;
        const holder = lists.find((seq) => seq?.items.some((item) => scalarValue(item) === target));
        const index = holder?.items.findIndex((item) => scalarValue(item) === target) ?? -1;
        const item = holder?.items[index];
        if (edit.op === 'delete') holder?.delete(index);
        else if (isScalar(item)) item.value = edit.key;
        else (topLevel(doc, edit.value ? APPROVED_LIST : DENIED_LIST, 'seq', true) as YAMLSeq).add(doc.createNode(edit.key));
      }
      return { text: doc.toString(), notes };
    },
    lineOf(files, key) {
      const text = files[FILE];
      if (text === null) return null;
      if (dialect.setting === 'allowBuilds') return yamlEntryLine(text, 'allowBuilds', key);
      return yamlEntryLine(text, APPROVED_LIST, key) ?? yamlEntryLine(text, DENIED_LIST, key);
    },
  };
}
