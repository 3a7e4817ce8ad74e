/** package-lock.json (v1, v2, v3) and npm-shrinkwrap.json to a graph (pure). */
import { isRecord, lockfileError, stringList, stringOr } from './lockfile-error.js';
import { npmGraph, type NpmNode } from './npm-locations.js';
import type { LockfileGraph } from './types.js';

type Dependencies = NpmNode['dependencies'];

function names(value: unknown, optional: boolean): Dependencies {
  return isRecord(value) ? Object.keys(value).map((name) => ({ name, optional })) : [];
}

function nameFromLocation(location: string): string {
  const at = location.lastIndexOf('node_modules/');
  return at === -1 ? location : location.slice(at + 'node_modules/'.length);
}

/** v2/v3: the flat `packages` map keyed by location. */
function fromPackages(packages: Record<string, unknown>, file: string): NpmNode[] {
  return Object.entries(packages).map(([location, raw]) => {
    if (!isRecord(raw)) throw lockfileError(file, `packages["${location}"] is not an object`);
    const link = raw['link'] === true;
    const version = stringOr(raw['version'], '') ?? '';
    if (location.startsWith('node_modules/') && !link && version === '') {
      throw lockfileError(file, `packages["${location}"] has no version`);
    }
    const os = stringList(raw['os']);
    const cpu = stringList(raw['cpu']);
    const root = location === '';
    return {
      location,
      name: stringOr(raw['name']) ?? nameFromLocation(location),
      version,
      integrity: stringOr(raw['integrity']),
      source: stringOr(raw['resolved']),
      link,
      inBundle: raw['inBundle'] === true,
      hasInstallScript: raw['hasInstallScript'] === true,
      ...(os ? { os } : {}),
      ...(cpu ? { cpu } : {}),
      dependencies: [
        ...names(raw['dependencies'], false),
        ...names(raw['optionalDependencies'], true),
        ...names(raw['peerDependencies'], true),
        ...(root ? names(raw['devDependencies'], false) : []),
      ],
    };
  });
}

/** v1: nested `dependencies`; a version of `npm:name@x` is an alias, a URL or `file:` spec a non-registry source. */
function fromNested(dependencies: Record<string, unknown>, parent: string, file: string, out: NpmNode[]): void {
  for (const [folder, raw] of Object.entries(dependencies)) {
    const location = parent === '' ? `node_modules/${folder}` : `${parent}/node_modules/${folder}`;
    if (!isRecord(raw)) throw lockfileError(file, `dependencies entry ${location} is not an object`);
    const spec = stringOr(raw['version']);
    if (spec === null) throw lockfileError(file, `dependencies entry ${location} has no version`);
    const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/.exec(spec);
    const registryVersion = alias === null && /^\d/.test(spec);
    out.push({
      location,
      name: alias?.[1] ?? folder,
      version: alias?.[2] ?? (registryVersion ? spec : ''),
      integrity: stringOr(raw['integrity']),
      source: alias !== null || registryVersion ? stringOr(raw['resolved']) : spec,
      link: false,
      inBundle: raw['bundled'] === true,
      hasInstallScript: null,
      dependencies: names(raw['requires'], false),
    });
    if (isRecord(raw['dependencies'])) fromNested(raw['dependencies'], location, file, out);
  }
}

export function readNpmLockfile(text: string, file: string, kind: 'package-lock.json' | 'npm-shrinkwrap.json'): LockfileGraph {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch (error) {
    throw lockfileError(file, `not valid JSON (${(error as Error).message})`, error);
  }
  if (!isRecord(lock)) throw lockfileError(file, 'the top level is not an object');
  const version = lock['lockfileVersion'];
  if (version === 2 || version === 3) {
    if (!isRecord(lock['packages'])) throw lockfileError(file, `lockfileVersion ${version} without a "packages" object`);
    return npmGraph(`${kind} v${version}`, fromPackages(lock['packages'], file));
  }
  if (version === 1) {
    const dependencies = lock['dependencies'];
    if (dependencies !== undefined && !isRecord(dependencies)) throw lockfileError(file, '"dependencies" is not an object');
    const nodes: NpmNode[] = [];
    fromNested(dependencies ?? {}, '', file, nodes);
    // v1 does not record the project's own dependencies: everything at the top is a root.
    const root: NpmNode = {
      location: '',
      name: '',
      version: '',
      integrity: null,
      source: null,
      link: false,
      inBundle: false,
      hasInstallScript: null,
      dependencies: Object.keys(dependencies ?? {}).map((name) => ({ name, optional: false })),
    };
    return npmGraph(`${kind} v1`, [root, ...nodes]);
  }
  throw lockfileError(file, `unsupported lockfileVersion ${JSON.stringify(version)} (supported: 1, 2, 3)`);
}
