/** yarn.lock v1 to a graph (pure). The project's own dependencies are the specs no entry depends on. */
import { sha1FromResolved, skipReason } from './classify-source.js';
import { GraphBuilder } from './graph-builder.js';
import { lockfileError } from './lockfile-error.js';
import type { LockfileGraph } from './types.js';
import { parseYarnV1, splitSpec, type YarnEntry } from './yarn-v1-syntax.js';

/** A range that names a source rather than a version (`file:`, `git+…`, a URL); `npm:` aliases are versions. */
function rangeSource(range: string): string | null {
  return /^[a-z][a-z+]*:/.test(range) && !range.startsWith('npm:') ? range : null;
}

export function readYarnLockfile(text: string, file: string): LockfileGraph {
  if (/^__metadata:/m.test(text)) throw lockfileError(file, 'this is a yarn 2+ (berry) lockfile; only yarn.lock v1 is supported');
  if (!/^# yarn lockfile v1$/m.test(text)) throw lockfileError(file, 'missing the "# yarn lockfile v1" header');
  const entries = parseYarnV1(text, file);
  const builder = new GraphBuilder('yarn.lock v1');
  const idOfSpec = new Map<string, string | null>();
  const ids = new Map<YarnEntry, string>();
  for (const entry of entries) {
    const first = splitSpec(entry.specs[0] ?? '');
    const version = entry.fields.get('version');
    if (version === undefined) throw lockfileError(file, `line ${entry.line}: entry ${entry.specs.join(', ')} has no version`);
    const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@/.exec(first.range);
    const name = alias?.[1] ?? first.name;
    const resolved = entry.fields.get('resolved') ?? null;
    const source = rangeSource(first.range) ?? resolved;
    const reason = skipReason(rangeSource(first.range)) ?? skipReason(resolved);
    if (reason !== null) {
      builder.skip({ name, version, source: source ?? entry.specs[0] ?? '', reason });
      for (const spec of entry.specs) idOfSpec.set(spec, null);
      continue;
    }
    const integrity = entry.fields.get('integrity') ?? sha1FromResolved(resolved);
    const id = builder.add({ name, version, integrity });
    ids.set(entry, id);
    for (const spec of entry.specs) idOfSpec.set(spec, id);
  }
  const referenced = new Set<string>();
  for (const [entry, id] of ids) {
    for (const [field, optional] of [
      ['dependencies', false],
      ['optionalDependencies', true],
    ] as const) {
      for (const [dependency, range] of entry.maps.get(field) ?? []) {
        const spec = `${dependency}@${range}`;
        referenced.add(spec);
        const target = idOfSpec.get(spec);
        if (target === undefined) throw lockfileError(file, `line ${entry.line}: dependency ${spec} has no entry`);
        if (target !== null) builder.edge(id, { alias: dependency, target, optional });
      }
    }
  }
  for (const [entry, id] of ids) {
    for (const spec of entry.specs) {
      if (!referenced.has(spec)) builder.edge(null, { alias: splitSpec(spec).name, target: id, optional: false });
    }
  }
  return builder.build();
}
