/**
 * The version specs a project and its packages declare (pure), keyed by the
 * dependant (`""` for the project, else `name@version`) and the dependency's
 * folder name: the project's own from its package.json (else the root entry
 * of an npm lockfile v2/v3), each package's from its npm lockfile entry
 * (v2/v3 `dependencies`, v1 `requires`). yarn and pnpm lockfiles record no
 * ranges per package, so only the project's own are known for them.
 */
export type DeclaredRanges = ReadonlyMap<string, ReadonlyMap<string, string>>;

const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function specs(entry: Record<string, unknown>, fields: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const field of fields) {
    const deps = entry[field];
    if (!isRecord(deps)) continue;
    for (const [alias, spec] of Object.entries(deps)) if (typeof spec === 'string' && !found.has(alias)) found.set(alias, spec);
  }
  return found;
}

function nameOf(location: string, entry: Record<string, unknown>): string {
  if (typeof entry['name'] === 'string') return entry['name'];
  const at = location.lastIndexOf('node_modules/');
  return location.slice(at + 'node_modules/'.length);
}

function fromPackages(packages: Record<string, unknown>, out: Map<string, Map<string, string>>): void {
  for (const [location, entry] of Object.entries(packages)) {
    if (!isRecord(entry)) continue;
    if (location === '') out.set('', specs(entry, DEPENDENCY_FIELDS));
    else if (location.includes('node_modules/') && typeof entry['version'] === 'string') {
      out.set(`${nameOf(location, entry)}@${entry['version']}`, specs(entry, ['dependencies', 'optionalDependencies', 'peerDependencies']));
    }
  }
}

function fromNested(dependencies: Record<string, unknown>, out: Map<string, Map<string, string>>): void {
  for (const [folder, entry] of Object.entries(dependencies)) {
    if (!isRecord(entry) || typeof entry['version'] !== 'string') continue;
    const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/.exec(entry['version']);
    out.set(`${alias?.[1] ?? folder}@${alias?.[2] ?? entry['version']}`, specs(entry, ['requires']));
    if (isRecord(entry['dependencies'])) fromNested(entry['dependencies'], out);
  }
}

/** `lock`: a parsed npm lockfile (or null for other formats); `manifest`: the parsed package.json beside it, or null. */
export function declaredRanges(lock: unknown, manifest: unknown): DeclaredRanges {
  const out = new Map<string, Map<string, string>>();
  if (isRecord(lock) && isRecord(lock['packages'])) fromPackages(lock['packages'], out);
  else if (isRecord(lock) && isRecord(lock['dependencies'])) fromNested(lock['dependencies'], out);
  if (isRecord(manifest)) out.set('', specs(manifest, DEPENDENCY_FIELDS));
  return out;
}
