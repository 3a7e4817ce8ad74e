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

  /** Executable names of every ancestor, nearest first. */
  ancestors(event: ProcessEvent): string[] {
    const names: string[] = [];
    const seen = new Set<number>([event.pid]);
    let pid = event.parentPid;
    while (pid !== null && !seen.has(pid)) {
      seen.add(pid);
      const node = this.nodes.get(pid);
      if (!node) break;
      names.push(node.executable);
      pid = node.parentPid;
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
