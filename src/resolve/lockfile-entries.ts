import { DynauditError } from '../common/errors.js';

/** One `packages` entry of a lockfile (v2/v3), with the fields the resolve stage uses. */
export interface LockEntry {
  /** Lockfile key, e.g. `node_modules/a/node_modules/b`; never the root (`""`). */
  readonly location: string;
  /** The package's real name (differs from the folder for `npm:` aliases). */
  readonly name: string;
  readonly version: string;
  readonly integrity?: string;
  readonly resolved?: string;
  readonly hasInstallScript: boolean;
  readonly inBundle: boolean;
  readonly link: boolean;
  readonly optional: boolean;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
}

/** Reads the package entries of a parsed package-lock.json (lockfileVersion 2 or 3). */
export function readLockfile(lock: unknown): LockEntry[] {
  const packages = isRecord(lock) ? lock['packages'] : undefined;
  if (!isRecord(packages)) {
    throw new DynauditError('E_RESOLVE', 'the generated lockfile has no "packages" section');
  }
  return Object.entries(packages)
    .filter(([location]) => location !== '')
    .map(([location, value]) => toLockEntry(location, isRecord(value) ? value : {}));
}

/** The package name a lockfile location points at: `node_modules/a/node_modules/@s/b` -> `@s/b`. */
export function nameFromLocation(location: string): string {
  const marker = 'node_modules/';
  const at = location.lastIndexOf(marker);
  return at === -1 ? location : location.slice(at + marker.length);
}

function toLockEntry(location: string, raw: Record<string, unknown>): LockEntry {
  const link = raw['link'] === true;
  const version = stringField(raw, 'version');
  if (version === undefined && !link) {
    throw new DynauditError('E_RESOLVE', `lockfile entry ${location} has no version`);
  }
  const os = stringList(raw['os']);
  const cpu = stringList(raw['cpu']);
  const integrity = stringField(raw, 'integrity');
  const resolved = stringField(raw, 'resolved');
  return {
    location,
    name: stringField(raw, 'name') ?? nameFromLocation(location),
    version: version ?? '',
    ...(integrity === undefined ? {} : { integrity }),
    ...(resolved === undefined ? {} : { resolved }),
    hasInstallScript: raw['hasInstallScript'] === true,
    inBundle: raw['inBundle'] === true,
    link,
    optional: raw['optional'] === true,
    ...(os === undefined ? {} : { os }),
    ...(cpu === undefined ? {} : { cpu }),
  };
}

function stringField(raw: Record<string, unknown>, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
