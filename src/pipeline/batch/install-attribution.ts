/**
 * Shares out the events of one install of a whole lockfile (pure). The
 * trace already attributes what each lifecycle script did to the package
 * by its folder name; when several versions share that name, the folder a
 * script ran in (its process's cwd) says which one, and an event whose
 * process cannot be told goes to every candidate.
 */
import type { ProcessEvent, TraceEvent } from '../../events/types.js';
import type { Placement } from '../../lockfile/plan-layout.js';
import type { StraceRecord } from '../../trace/strace-line.js';

export interface InstallShare {
  readonly events: TraceEvent[];
  /** Exit status of each lifecycle script the package ran (its `sh -c` wrapper). */
  readonly scriptExitCodes: (number | null)[];
}

/** `node_modules/a/node_modules/b` under the project of the deepest `node_modules/<alias>` in a folder, or null. */
function locationOfDir(dir: string | null, projectDir: string, alias: string): string | null {
  if (dir === null || !dir.startsWith(`${projectDir}/`)) return null;
  const relative = `${dir.slice(projectDir.length + 1)}/`;
  const marker = `node_modules/${alias}/`;
  const at = relative.lastIndexOf(marker);
  return at === -1 ? null : relative.slice(0, at + marker.length - 1);
}

export function shareInstallEvents(
  events: readonly TraceEvent[],
  records: readonly StraceRecord[],
  placements: readonly Placement[],
  projectDir: string,
): Map<string, InstallShare> {
  const idsByAlias = new Map<string, Set<string>>();
  const idByLocation = new Map<string, string>();
  for (const placement of placements) {
    idByLocation.set(placement.location, placement.id);
    const ids = idsByAlias.get(placement.alias) ?? new Set<string>();
    ids.add(placement.id);
    idsByAlias.set(placement.alias, ids);
  }
  const exitCodes = new Map<number, number | null>();
  for (const record of records) {
    if (record.kind === 'exit') exitCodes.set(record.pid, record.exitCode ?? null);
    if (record.kind === 'killed') exitCodes.set(record.pid, null);
  }
  const processes = new Map<number, ProcessEvent>();
  for (const event of events) if (event.kind === 'process' && event.ok) processes.set(event.pid, event);

  /** The package ids a lifecycle event belongs to: its process's folder, else its parent's, else every candidate. */
  const idsOf = (event: TraceEvent, alias: string, candidates: Set<string>): string[] => {
    if (candidates.size === 1) return [...candidates];
    const seen = new Set<number>();
    for (let pid: number | null = event.pid; pid !== null && !seen.has(pid); pid = processes.get(pid)?.parentPid ?? null) {
      seen.add(pid);
      const process = processes.get(pid);
      const location = locationOfDir(process?.cwd ?? null, projectDir, alias);
      const id = location === null ? undefined : idByLocation.get(location);
      if (id !== undefined && candidates.has(id)) return [id];
    }
    return [...candidates];
  };

  const shares = new Map<string, InstallShare>();
  const rootPids = new Set<string>();
  const share = (id: string): InstallShare => {
    let found = shares.get(id);
    if (!found) shares.set(id, (found = { events: [], scriptExitCodes: [] }));
    return found;
  };
  for (const event of events) {
    if (event.attribution.via !== 'lifecycle-script' || event.attribution.package === null) continue;
    const candidates = idsByAlias.get(event.attribution.package);
    if (!candidates) continue;
    const ids = idsOf(event, event.attribution.package, candidates);
    const parent = event.kind === 'process' && event.parentPid !== null ? processes.get(event.parentPid) : undefined;
    const scriptRoot = event.kind === 'process' && event.ok && (parent === undefined || parent.attribution.via === 'package-manager');
    for (const id of ids) {
      share(id).events.push(event);
      if (scriptRoot && !rootPids.has(`${id}\0${event.pid}`)) {
        rootPids.add(`${id}\0${event.pid}`);
        share(id).scriptExitCodes.push(exitCodes.get(event.pid) ?? null);
      }
    }
  }
  return shares;
}
