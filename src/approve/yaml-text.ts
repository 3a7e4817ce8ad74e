/**
 * pnpm-workspace.yaml edited through the yaml library's Document API (pure),
 * so comments, key order and scalar styles of what is not changed stay.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { DynauditError } from '../common/errors.js';

export function parseYamlText(text: string | null, file: string): Document {
  const doc = parseDocument(text ?? '');
  if (doc.errors.length > 0) throw new DynauditError('E_PROJECT', `cannot read ${file}: ${doc.errors[0]!.message.split('\n')[0]}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new DynauditError('E_PROJECT', `cannot read ${file}: not a YAML mapping`);
  return doc;
}

/** The mapping or sequence at a top-level key, created (empty, block style) when asked and absent. */
export function topLevel(doc: Document, key: string, kind: 'map' | 'seq', create: boolean): YAMLMap | YAMLSeq | undefined {
  const node = doc.get(key, true);
  if (kind === 'map' ? isMap(node) : isSeq(node)) return node as YAMLMap | YAMLSeq;
  if (!create) return undefined;
  const made = doc.createNode(kind === 'map' ? {} : []) as YAMLMap | YAMLSeq;
  made.flow = false;
  doc.set(key, made);
  return made;
}

export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/** 1-based line of a key of a top-level mapping, or of an item of a top-level sequence; null when not found. */
export function yamlEntryLine(text: string, parent: string, entry: string): number | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const node = doc.get(parent, true);
  const items = isMap(node) ? node.items.map((pair) => pair.key) : isSeq(node) ? node.items : [];
  const found = items.find((item) => isScalar(item) && String(item.value) === entry);
  const offset = isScalar(found) ? found.range?.[0] : undefined;
  return offset === undefined ? null : lineCounter.linePos(offset).line;
}
