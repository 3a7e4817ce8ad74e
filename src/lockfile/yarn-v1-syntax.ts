/**
 * The yarn v1 lockfile syntax (pure): entries whose header lists the
 * `name@range` specs they satisfy, with indented `field value` lines and
 * one level of nested maps (dependencies). Errors name the line.
 */
import { lockfileError } from './lockfile-error.js';

export interface YarnEntry {
  readonly specs: readonly string[];
  readonly line: number;
  readonly fields: ReadonlyMap<string, string>;
  readonly maps: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Splits a line's text into tokens: "quoted" (JSON escapes) or bare, separated by spaces. */
function tokens(text: string, file: string, line: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest !== '') {
    if (rest.startsWith('"')) {
      const match = /^"(?:[^"\\]|\\.)*"/.exec(rest);
      if (!match) throw lockfileError(file, `line ${line}: unterminated string`);
      out.push(JSON.parse(match[0]) as string);
      rest = rest.slice(match[0].length).trimStart();
    } else {
      const match = /^[^\s]+/.exec(rest)!;
      out.push(match[0]);
      rest = rest.slice(match[0].length).trimStart();
    }
  }
  return out;
}

function headerSpecs(text: string, file: string, line: number): string[] {
  return text
    .slice(0, -1)
    .split(/,\s*/)
    .map((part) => tokens(part, file, line)[0] ?? '')
    .filter((spec) => spec !== '');
}

export function parseYarnV1(text: string, file: string): YarnEntry[] {
  const lines = text.split(/\r?\n/);
  const entries: YarnEntry[] = [];
  let current: { specs: string[]; line: number; fields: Map<string, string>; maps: Map<string, Map<string, string>> } | undefined;
  let map: Map<string, string> | undefined;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (indent === 0) {
      if (!body.endsWith(':')) throw lockfileError(file, `line ${line}: expected an entry header ending in ":"`);
      current = { specs: headerSpecs(body, file, line), line, fields: new Map(), maps: new Map() };
      if (current.specs.length === 0) throw lockfileError(file, `line ${line}: an entry header names no package`);
      entries.push(current);
      map = undefined;
      return;
    }
    if (!current) throw lockfileError(file, `line ${line}: indented line outside an entry`);
    if (indent === 2) {
      if (body.endsWith(':') && !body.includes(' ')) {
        map = new Map();
        current.maps.set(body.slice(0, -1).replace(/^"|"$/g, ''), map);
        return;
      }
      const [key, value] = tokens(body, file, line);
      if (key === undefined || value === undefined) throw lockfileError(file, `line ${line}: expected "field value"`);
      current.fields.set(key, value);
      map = undefined;
      return;
    }
    if (indent === 4 && map) {
      const [key, value] = tokens(body, file, line);
      if (key === undefined || value === undefined) throw lockfileError(file, `line ${line}: expected "name range"`);
      map.set(key, value);
      return;
    }
    throw lockfileError(file, `line ${line}: unexpected indentation`);
  });
  return entries;
}

/** `name@range` (scoped names keep their leading `@`). */
export function splitSpec(spec: string): { name: string; range: string } {
  const at = spec.indexOf('@', 1);
  return at === -1 ? { name: spec, range: '' } : { name: spec.slice(0, at), range: spec.slice(at + 1) };
}
