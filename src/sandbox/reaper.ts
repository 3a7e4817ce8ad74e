/**
 * Removes what crashed runs left behind: containers, volumes and networks
 * carrying our tool label whose owner (the orchestrator that created them)
 * is gone. Objects of a live orchestrator, of another machine, or without
 * owner labels are left alone unless every object of ours is asked for.
 * Only objects found by our label are ever touched, and only by id or name.
 */
import { LABEL_RUN, LABEL_TOOL, TOOL_NAME } from './labels.js';
import { ownerFromLabels, ownerState, type Owner, type ProcessProbe } from './owner.js';

export interface LabelledObject {
  /** Container or network id, volume name. */
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** What the reaper needs from the engine (DockerEngine implements it). */
export interface ReaperEngine {
  listContainers(labelFilter: string): Promise<LabelledObject[]>;
  listVolumes(labelFilter: string): Promise<LabelledObject[]>;
  listNetworks(labelFilter: string): Promise<LabelledObject[]>;
  removeContainer(id: string): Promise<void>;
  removeVolume(name: string): Promise<void>;
  removeNetwork(id: string): Promise<void>;
}

/**
 * orphans: objects whose owner is dead (the start-up reaper, `dynaudit clean`);
 * mine: objects this process owns (cleanup on Ctrl-C);
 * all: every object with our label (`dynaudit clean --all`; also removes live runs' objects).
 */
type ReapMode = 'orphans' | 'mine' | 'all';

export interface ReapOptions {
  readonly mode: ReapMode;
  readonly self: Owner;
  readonly probe: ProcessProbe;
  readonly onWarning?: (message: string) => void;
}

export interface ReapResult {
  readonly containers: readonly string[];
  readonly volumes: readonly string[];
  readonly networks: readonly string[];
  /** Runs whose objects were removed. */
  readonly runs: readonly string[];
  /** Objects left alone (live or unknown owner). */
  readonly kept: number;
}

/** Whether an object is to be removed in this mode (pure but for the probe). */
export function shouldReap(labels: Readonly<Record<string, string>>, options: ReapOptions): boolean {
  if (labels[LABEL_TOOL] !== TOOL_NAME) return false;
  if (options.mode === 'all') return true;
  const owner = ownerFromLabels(labels);
  if (owner === null) return false;
  if (options.mode === 'mine') return ownerState(owner, options.self, { startTimeOf: () => null }) === 'alive';
  return ownerState(owner, options.self, options.probe) === 'dead';
}

export async function reapLeftovers(engine: ReaperEngine, options: ReapOptions): Promise<ReapResult> {
  const filter = `${LABEL_TOOL}=${TOOL_NAME}`;
  const warn = options.onWarning ?? (() => {});
  const runs = new Set<string>();
  let kept = 0;
  const removeAll = async (objects: readonly LabelledObject[], remove: (id: string) => Promise<void>, what: string): Promise<string[]> => {
    const removed: string[] = [];
    for (const object of objects) {
      if (!shouldReap(object.labels, options)) {
        kept += 1;
        continue;
      }
      try {
        await remove(object.id);
        removed.push(object.id);
        if (object.labels[LABEL_RUN]) runs.add(object.labels[LABEL_RUN]);
      } catch (error) {
        warn(`could not remove ${what} ${object.id}: ${(error as Error).message}`);
      }
    }
    return removed;
  };
  // Containers first: a volume or network in use cannot be removed.
  const containers = await removeAll(await engine.listContainers(filter), (id) => engine.removeContainer(id), 'container');
  const volumes = await removeAll(await engine.listVolumes(filter), (id) => engine.removeVolume(id), 'volume');
  const networks = await removeAll(await engine.listNetworks(filter), (id) => engine.removeNetwork(id), 'network');
  return { containers, volumes, networks, runs: [...runs], kept };
}
