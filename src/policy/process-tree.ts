/** The process tree seen in a phase, from its exec events (pure). */
import path from 'node:path';
import type { Attribution, ProcessEvent, TraceEvent } from '../events/types.js';

interface ProcessNode {
  readonly parentPid: number | null;
  readonly executable: string;
  readonly attribution: Attribution;
}

export class ProcessTree {
  private readonly nodes = new Map<number, ProcessNode>();

  constructor(events: readonly TraceEvent[]) {
    for (const event of events) {
      if (event.kind === 'process' && event.ok) {
        this.nodes.set(event.pid, { parentPid: event.parentPid, executable: executableName(event), attribution: event.attribution });
      }
    }
  }

  parentAttribution(event: ProcessEvent): Attribution | null {
    return event.parentPid === null ? null : (this.nodes.get(event.parentPid)?.attribution ?? null);
  }

  /**
   * Program names of the processes that led to an event, nearest first: a
   * process event's ancestors; for any other event the acting process and its
   * ancestors (empty when the acting pid is a thread whose exec was not seen).
   */
  chain(event: TraceEvent): string[] {
    if (event.kind === 'process') return this.ancestors(event);
    const self = this.nodes.get(event.pid);
    return self ? [self.executable, ...this.ancestorsOf(event.pid, self.parentPid)] : [];
  }

  /** Executable names of every ancestor, nearest first. */
  ancestors(event: ProcessEvent): string[] {
    return this.ancestorsOf(event.pid, event.parentPid);
  }

  private ancestorsOf(pid: number, parentPid: number | null): string[] {
    const names: string[] = [];
    const seen = new Set<number>([pid]);
    let current = parentPid;
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      const node = this.nodes.get(current);
      if (!node) break;
      names.push(node.executable);
      current = node.parentPid;
    }
    return names;
  }
}

/** The program's name as a user would say it (`node-gyp` rather than `node`). */
export function executableName(event: ProcessEvent): string {
  const base = path.posix.basename(event.executable);
  if ((base === 'node' || base === 'nodejs') && event.argv[1]) {
    const script = path.posix.basename(event.argv[1]).replace(/\.(c|m)?js$/, '');
    if (script === 'node-gyp' || script === 'npm-cli' || script === 'npx-cli') return script;
  }
  return base;
}
