/**
 * The approval keys npm's `allowScripts` and pnpm's `allowBuilds` (and its
 * older lists) share (pure): `name` or `name@*` for every version,
 * `name@1.2.3`, or exact versions joined by `||`. Both tools ignore other
 * forms for registry packages (ranges, tags; git and file keys match other
 * sources), and so does this. Decisions are written as pinned keys, one per
 * package name and value: `name@1.0.0 || 1.1.0`.
 */
import semver from 'semver';
import type { ApprovalLookup, Decision } from './types.js';

export interface VersionKey {
  readonly name: string;
  readonly versions: readonly string[] | 'any';
}

export type KeyEntry = readonly [key: string, value: unknown];

/** An edit of an ordered key -> boolean map: `replaces` renames an entry in place. */
export type KeyEdit =
  | { readonly op: 'set'; readonly key: string; readonly value: boolean; readonly replaces?: string }
  | { readonly op: 'delete'; readonly key: string };

const NAME = /^(@[^/@\s:]+\/)?[^/@\s:]+$/;

export function parseVersionKey(key: string): VersionKey | null {
  const at = key.indexOf('@', 1);
  const name = at === -1 ? key : key.slice(0, at);
  if (!NAME.test(name)) return null;
  const spec = at === -1 ? '' : key.slice(at + 1).trim();
  if (spec === '' || spec === '*') return { name, versions: 'any' };
  const versions = spec.split('||').map((part) => semver.valid(part.trim()));
  return versions.every((version): version is string => version !== null) ? { name, versions } : null;
}

export function pinnedKey(name: string, versions: Iterable<string>): string {
  return `${name}@${[...new Set(versions)].sort(semver.compare).join(' || ')}`;
}

function matches(key: VersionKey | null, name: string, version: string): boolean {
  return key !== null && key.name === name && (key.versions === 'any' || key.versions.includes(version));
}

/**
 * How the tool treats a version: denied when a `false` key matches (and
 * wins, or nothing allows it), allowed when a `true` key does. When the tool
 * cannot verify the version (`versionKnown` false: npm without a lockfile
 * `resolved` URL), a pinned approval matches nothing and a pinned deny of
 * the name matches every version, as npm fails closed.
 */
export function lookupVersionKeys(entries: readonly KeyEntry[], name: string, version: string, denyWins: boolean, versionKnown = true): ApprovalLookup {
  let allow: string | undefined;
  let deny: string | undefined;
  for (const [key, value] of entries) {
    const parsed = parseVersionKey(key);
    const unverifiable = !versionKnown && parsed?.name === name && parsed.versions !== 'any';
    if (unverifiable ? value !== false : !matches(parsed, name, version)) continue;
    if (value === true) allow ??= key;
    if (value === false) deny ??= key;
  }
  if (deny !== undefined && (denyWins || allow === undefined)) return { state: 'denied', key: deny };
  return allow === undefined ? { state: 'unset' } : { state: 'allowed', key: allow };
}

interface Pinned {
  readonly key: string;
  readonly versions: Set<string>;
}

function pinnedOf(entries: readonly KeyEntry[], name: string, value: boolean): Pinned[] {
  return entries.flatMap(([key, entryValue]) => {
    const parsed = parseVersionKey(key);
    return entryValue === value && parsed?.name === name && parsed.versions !== 'any' ? [{ key, versions: new Set(parsed.versions) }] : [];
  });
}

/** The pinned keys of one name and value after adding and removing versions: the first keeps the additions, emptied keys go. */
function rewrite(name: string, value: boolean, pinned: readonly Pinned[], add: readonly string[], remove: ReadonlySet<string>): KeyEdit[] {
  const edits: KeyEdit[] = [];
  pinned.forEach((entry, index) => {
    const versions = [...entry.versions, ...(index === 0 ? add : [])].filter((version) => !remove.has(version));
    if (versions.length === 0) edits.push({ op: 'delete', key: entry.key });
    else if (pinnedKey(name, versions) !== entry.key) edits.push({ op: 'set', key: pinnedKey(name, versions), value, replaces: entry.key });
  });
  if (pinned.length === 0 && add.length > 0) edits.push({ op: 'set', key: pinnedKey(name, add), value });
  return edits;
}

/**
 * The edits that write the decisions: an approval is added only where
 * nothing decides the version yet (a deny in the project stays: notes say
 * so); a deny is added unless the version is denied already, and the version
 * leaves the pinned approvals of its name.
 */
export function planKeyEdits(
  entries: readonly KeyEntry[],
  decisions: readonly Decision[],
  denyWins: boolean,
  versionKnown: (decision: Decision) => boolean = () => true,
): { edits: KeyEdit[]; notes: string[] } {
  const edits: KeyEdit[] = [];
  const notes: string[] = [];
  const names = [...new Set(decisions.filter((d) => d.action !== 'review').map((d) => d.pkg.name))];
  for (const name of names) {
    const approve: string[] = [];
    const deny: string[] = [];
    const group = decisions.filter((d) => d.pkg.name === name);
    if (group.some((d) => d.action === 'approve' && !versionKnown(d))) {
      // The tool cannot check the version: an approval can only name the package, so only when every version passes.
      const everyVersion = group.every((d) => d.action === 'approve');
      if (everyVersion && !entries.some(([key]) => key === name)) edits.push({ op: 'set', key: name, value: true });
      notes.push(`${name}: the lockfile has no resolved URL, so the tool cannot check its version: ${everyVersion ? 'approved by name (every version)' : 'not approved, as not every version passes'}`);
      group.splice(0, group.length, ...group.filter((d) => d.action === 'deny'));
    }
    for (const { pkg, action } of group) {
      const current = lookupVersionKeys(entries, name, pkg.version, denyWins);
      if (action === 'approve' && current.state === 'unset') approve.push(pkg.version);
      if (action === 'approve' && current.state === 'denied') notes.push(`${name}@${pkg.version} passes but the project denies it ("${current.key}"): left denied`);
      if (action === 'deny' && current.state !== 'denied') deny.push(pkg.version);
    }
    edits.push(...rewrite(name, true, pinnedOf(entries, name, true), approve, new Set(deny)));
    edits.push(...rewrite(name, false, pinnedOf(entries, name, false), deny, new Set()));
    for (const version of deny) {
      const stillAllowed = entries.find(([key, value]) => value === true && parseVersionKey(key)?.name === name && parseVersionKey(key)?.versions === 'any');
      if (stillAllowed && !denyWins) notes.push(`${name}@${version} fails but "${stillAllowed[0]}" approves every version and this tool lets approvals win: remove it by hand`);
    }
  }
  return { edits, notes };
}

/** Applies edits to an ordered list of entries (renames stay in place, new keys go last). */
export function applyKeyEdits<V>(entries: readonly (readonly [string, V])[], edits: readonly KeyEdit[], valueOf: (value: boolean) => V): [string, V][] {
  const deleted = new Set(edits.flatMap((edit) => (edit.op === 'delete' ? [edit.key] : [])));
  const renamed = new Map(edits.flatMap((edit) => (edit.op === 'set' && edit.replaces ? [[edit.replaces, edit] as const] : [])));
  const result: [string, V][] = [];
  for (const [key, value] of entries) {
    if (deleted.has(key)) continue;
    const edit = renamed.get(key);
    result.push(edit ? [edit.key, valueOf(edit.value)] : [key, value]);
  }
  for (const edit of edits) if (edit.op === 'set' && !edit.replaces) result.push([edit.key, valueOf(edit.value)]);
  return result;
}
