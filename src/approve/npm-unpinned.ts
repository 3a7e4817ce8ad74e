/**
 * Which registry packages of an npm lockfile have no `resolved` URL (npm's
 * `omit-lockfile-registry-resolved`): npm 12 then cannot check their version
 * and refuses pinned approvals of them (pure).
 */
import { isRecord } from './json-text.js';

function add(out: Set<string>, name: string, entry: Record<string, unknown>): void {
  const version = entry['version'];
  if (typeof version === 'string' && /^\d/.test(version) && entry['resolved'] === undefined && entry['link'] !== true && entry['inBundle'] !== true && entry['bundled'] !== true) {
    out.add(`${typeof entry['name'] === 'string' ? entry['name'] : name}@${version}`);
  }
}

function nested(out: Set<string>, dependencies: unknown): void {
  if (!isRecord(dependencies)) return;
  for (const [name, entry] of Object.entries(dependencies)) {
    if (!isRecord(entry)) continue;
    add(out, name, entry);
    nested(out, entry['dependencies']);
  }
}

/** `name@version` of every such package; empty for a lockfile that is not npm's. */
export function unresolvedNpmPackages(lockfileText: string): Set<string> {
  const out = new Set<string>();
  let lock: unknown;
  try {
    lock = JSON.parse(lockfileText);
  } catch {
    return out;
  }
  if (!isRecord(lock)) return out;
  if (isRecord(lock['packages'])) {
    for (const [location, entry] of Object.entries(lock['packages'])) {
      if (location.includes('node_modules/') && isRecord(entry)) add(out, location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length), entry);
    }
  } else {
    nested(out, lock['dependencies']);
  }
  return out;
}
