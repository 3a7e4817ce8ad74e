/**
 * The process tree seen in a phase, from its exec events (pure), and what
 * each process runs: its names as a rule may give them, and its path where
 * it can be vouched for (a program installed on the system, reached by a
 * path the trace knows exactly).
 */
import path from 'node:path';
import type { Attribution, ProcessEvent, TraceEvent } from '../events/types.js';

/** The program a process runs. */
export interface Program {
  /** As a user would say it: `node-gyp` rather than `node` for node running node-gyp.js. */
  readonly name: string;
  /** Every name a rule may blame it by: the executable's file name, argv[0]'s, the script node runs. */
  readonly names: readonly string[];
  /** The executable, or the script a node process runs, by path. */
  readonly path: string;
  /**
   * True when `path` is exact and lies where the package cannot write (the
   * read-only system folders): only such a program earns an exemption, so a
   * copy named `make` or a script named `node-gyp.js` earns none.
   */
  readonly system: boolean;
}

interface ProcessNode {
  readonly parentPid: number | null;
  readonly program: Program;
  readonly attribution: Attribution;
}

const NODES = new Set(['node', 'nodejs']);
const SYSTEM_DIRS = ['/usr/', '/bin/', '/sbin/', '/lib/', '/lib64/', '/opt/'];
/** Scripts node runs that are tools of their own (npm's node-gyp, npm itself). */
const NODE_TOOLS = new Set(['node-gyp', 'npm-cli', 'npx-cli', 'npm', 'npx']);

const isSystemPath = (file: string): boolean =>
  SYSTEM_DIRS.some((dir) => file.startsWith(dir)) && !file.split('/').includes('..') && path.posix.normalize(file) === file;

/** The script node runs: argv[1] when it is a path (no node options before it, which could load other code). */
function nodeScript(event: ProcessEvent): string | null {
  const script = event.argv[1];
  if (!NODES.has(path.posix.basename(event.executable)) || script === undefined || script.startsWith('-')) return null;
  if (script.startsWith('/')) return script;
  return event.cwd === null ? null : path.posix.join(event.cwd, script);
}

export function programOf(event: ProcessEvent): Program {
  const base = path.posix.basename(event.executable);
  const script = nodeScript(event);
  const scriptName = script === null ? null : path.posix.basename(script).replace(/\.(c|m)?js$/, '');
  const name = scriptName !== null && NODE_TOOLS.has(scriptName) ? scriptName : base;
  const names = [...new Set([base, path.posix.basename(event.argv[0] ?? ''), ...(scriptName === null ? [] : [scriptName])])].filter((n) => n !== '');
  const file = script ?? event.executable;
  const exact = event.exact !== false && (script === null || script.startsWith('/'));
  return { name, names, path: file, system: exact && isSystemPath(event.executable) && isSystemPath(file) };
}

export class ProcessTree {
  private readonly nodes = new Map<number, ProcessNode>();

  constructor(events: readonly TraceEvent[]) {
    for (const event of events) {
      if (event.kind === 'process' && event.ok) {
        this.nodes.set(event.pid, { parentPid: event.parentPid, program: programOf(event), attribution: event.attribution });
      }
    }
  }

  parentAttribution(event: ProcessEvent): Attribution | null {
    return event.parentPid === null ? null : (this.nodes.get(event.parentPid)?.attribution ?? null);
  }

  /**
   * Programs of the processes that led to an event, nearest first: a process
   * event's ancestors; for any other event the acting process and its
   * ancestors (empty when the acting pid is a thread whose exec was not seen).
   */
  chain(event: TraceEvent): Program[] {
    if (event.kind === 'process') return this.ancestorsOf(event.pid, event.parentPid);
    const self = this.nodes.get(event.pid);
    return self ? [self.program, ...this.ancestorsOf(event.pid, self.parentPid)] : [];
  }

  private ancestorsOf(pid: number, parentPid: number | null): Program[] {
    const programs: Program[] = [];
    const seen = new Set<number>([pid]);
    let current = parentPid;
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      const node = this.nodes.get(current);
      if (!node) break;
      programs.push(node.program);
      current = node.parentPid;
    }
    return programs;
  }
}

/**
 * The program's name as a user would say it (`node-gyp` rather than `node`);
 * when it was started by another name (a bin link, or a name the package
 * chose), that name first and the real file's after it:
 * `node-gyp-build (bin.js)`, `make (python3.11)`.
 */
export function executableName(event: ProcessEvent): string {
  const { name } = programOf(event);
  const calledAs = path.posix.basename(event.argv[0] ?? '');
  const differs = calledAs !== '' && calledAs !== name && calledAs !== path.posix.basename(event.executable);
  return differs ? `${calledAs} (${name})` : name;
}
