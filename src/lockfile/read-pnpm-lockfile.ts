/**
 * pnpm-lock.yaml (lockfileVersion 9.x, written by pnpm 9 and 10) to a graph
 * (pure). `packages` holds what a package is (resolution, platform),
 * `snapshots` its dependencies once peers are resolved (keys carry a
 * `(peer@x)` suffix), `importers` what each project depends on.
 */
import { parse } from 'yaml';
import { skipReason } from './classify-source.js';
import { GraphBuilder } from './graph-builder.js';
import { isRecord, lockfileError, stringList, stringOr } from './lockfile-error.js';
import type { LockfileGraph } from './types.js';

const DEPENDENCY_FIELDS = [
  ['dependencies', false],
  ['optionalDependencies', true],
  ['devDependencies', false],
] as const;

/** The snapshot key a dependency's version reference points at: `4.0.0(x@1)` or, for an alias, `real@4.0.0`. */
function snapshotKey(name: string, reference: string): string {
  const bare = reference.split('(')[0] ?? reference;
  return bare.indexOf('@', 1) > 0 && !/^[a-z][a-z+]*:/.test(bare) ? reference : `${name}@${reference}`;
}

function packageKey(snapshot: string): string {
  return snapshot.split('(')[0] ?? snapshot;
}

function splitKey(key: string): { name: string; version: string } {
  const at = key.indexOf('@', 1);
  return { name: key.slice(0, at), version: key.slice(at + 1) };
}

export function readPnpmLockfile(text: string, file: string): LockfileGraph {
  let lock: unknown;
  try {
    lock = parse(text);
  } catch (error) {
    throw lockfileError(file, `not valid YAML (${(error as Error).message.split('\n')[0]})`, error);
  }
  if (!isRecord(lock)) throw lockfileError(file, 'the top level is not a mapping');
  const version = String(lock['lockfileVersion'] ?? '');
  if (!/^9\./.test(version)) throw lockfileError(file, `unsupported lockfileVersion "${version}" (supported: 9.x, from pnpm 9 and 10)`);
  const packages = isRecord(lock['packages']) ? lock['packages'] : {};
  const snapshots = isRecord(lock['snapshots']) ? lock['snapshots'] : {};
  const importers = lock['importers'];
  if (!isRecord(importers)) throw lockfileError(file, 'no "importers" mapping');
  const builder = new GraphBuilder(`pnpm-lock.yaml v${version}`);

  const ids = new Map<string, string | null>();
  const idOf = (key: string): string | null => {
    const known = ids.get(key);
    if (known !== undefined) return known;
    const { name, version: rawVersion } = splitKey(packageKey(key));
    const info = packages[packageKey(key)];
    if (!isRecord(info)) throw lockfileError(file, `"${key}" is used but packages has no "${packageKey(key)}"`);
    const resolution = isRecord(info['resolution']) ? info['resolution'] : {};
    const integrity = stringOr(resolution['integrity']);
    const source =
      stringOr(resolution['tarball']) ??
      (resolution['type'] === 'git' ? `git+${String(resolution['repo'])}#${String(resolution['commit'])}` : null) ??
      (resolution['type'] === 'directory' ? `file:${String(resolution['directory'])}` : null) ??
      (/^[a-z][a-z+]*:/.test(rawVersion) ? rawVersion : null);
    const packageVersion = stringOr(info['version']) ?? rawVersion;
    const reason = skipReason(source) ?? (integrity === null && source === null ? 'no integrity in the lockfile' : null);
    if (reason !== null) {
      builder.skip({ name, version: /^\d/.test(packageVersion) ? packageVersion : null, source: source ?? key, reason });
      ids.set(key, null);
      return null;
    }
    const os = stringList(info['os']);
    const cpu = stringList(info['cpu']);
    const id = builder.add({
      name,
      version: packageVersion,
      integrity,
      hasInstallScript: info['requiresBuild'] === true ? true : null,
      ...(os ? { os } : {}),
      ...(cpu ? { cpu } : {}),
    });
    ids.set(key, id);
    return id;
  };

  const link = (from: string | null, dependencies: unknown, optional: boolean): void => {
    if (!isRecord(dependencies)) return;
    for (const [alias, raw] of Object.entries(dependencies)) {
      const reference = isRecord(raw) ? stringOr(raw['version']) : stringOr(raw);
      if (reference === null) throw lockfileError(file, `dependency "${alias}" has no version`);
      if (reference.startsWith('link:')) {
        builder.skip({ name: alias, version: null, source: reference, reason: skipReason(reference) ?? 'link' });
        continue;
      }
      const target = idOf(snapshotKey(alias, reference));
      if (target !== null) builder.edge(from, { alias, target, optional });
    }
  };

  for (const importer of Object.values(importers)) {
    if (!isRecord(importer)) continue;
    for (const [field, optional] of DEPENDENCY_FIELDS) link(null, importer[field], optional);
  }
  for (const [key, snapshot] of Object.entries(snapshots)) {
    const from = idOf(key);
    if (from === null || !isRecord(snapshot)) continue;
    link(from, snapshot['dependencies'], false);
    link(from, snapshot['optionalDependencies'], true);
  }
  return builder.build();
}
