/**
 * Per-pid state while replaying a trace: who a process works for
 * (attribution), where it is (cwd) and who started it.
 */
import { posix } from 'node:path';
import type { Attribution } from '../events/types.js';

/** State shared by all threads of one process (CLONE_THREAD). */
interface ProcessState {
  readonly tgid: number;
  attribution: Attribution;
  readonly parentPid: number | null;
  executable: string | null;
}

/**
 * Working directory, shared between tasks created with CLONE_FS. `exact`:
 * the trace knows it for sure (the kernel's annotation, or a chdir to a
 * path with no `..`), not only as a path string joined by hand.
 */
interface FsState {
  cwd: string | null;
  exact: boolean;
}

/** Open descriptors that name files, shared between tasks created with CLONE_FILES. */
type FdTable = Map<number, string>;

export interface Task {
  readonly pid: number;
  readonly process: ProcessState;
  readonly fs: FsState;
  readonly files: FdTable;
}

/** A clone seen anywhere in the trace, used when a child shows up before its parent's clone. */
export interface KnownClone {
  readonly parentPid: number;
  readonly flags: readonly string[];
}

/**
 * The package whose folder `dir` lies in, by its deepest `node_modules/<name>`
 * (or `node_modules/@scope/<name>`) below `<projectDir>/node_modules`; null
 * outside that tree or for folders such as `.bin`.
 */
export function packageOfDir(projectDir: string, dir: string): string | null {
  const root = `${posix.normalize(projectDir).replace(/\/+$/, '')}/node_modules/`;
  const path = `${posix.normalize(dir).replace(/\/+$/, '')}/`;
  if (!path.startsWith(root)) return null;
  const segments = path.slice(root.length - 'node_modules/'.length).split('/');
  for (let i = segments.lastIndexOf('node_modules'); i >= 0; i = segments.lastIndexOf('node_modules', i - 1)) {
    const first = segments[i + 1] ?? '';
    const name = first.startsWith('@') ? `${first}/${segments[i + 2] ?? ''}` : first;
    if (validName(name)) return name;
    if (i === 0) break;
  }
  return null;
}

function validName(name: string): boolean {
  const parts = name.split('/');
  const last = parts[parts.length - 1] ?? '';
  return last !== '' && !last.startsWith('.') && !(parts.length === 2 && parts[0] === '@');
}

export class ProcessTable {
  private readonly tasks = new Map<number, Task>();
  private rootSeen = false;
  private readonly resolving = new Set<number>();

  constructor(
    private readonly rootAttribution: Attribution,
    private readonly projectDir: string,
    private readonly knownClones: ReadonlyMap<number, KnownClone> = new Map(),
  ) {}

  /**
   * The task for `pid`, created on first sight: the first pid of the trace is
   * the root (root attribution, cwd = projectDir); a pid whose clone comes
   * later in the trace is created from its parent now; any other unknown pid
   * gets the root attribution with unknown parent and cwd.
   */
  task(pid: number): Task {
    const existing = this.tasks.get(pid);
    if (existing) return existing;
    if (!this.rootSeen) {
      this.rootSeen = true;
      return this.add(pid, { tgid: pid, attribution: this.rootAttribution, parentPid: null, executable: null }, {
        cwd: posix.normalize(this.projectDir),
        exact: true,
      });
    }
    const clone = this.knownClones.get(pid);
    if (clone && !this.resolving.has(pid)) {
      this.resolving.add(pid);
      try {
        return this.spawn(clone.parentPid, pid, clone.flags);
      } finally {
        this.resolving.delete(pid);
      }
    }
    return this.add(pid, { tgid: pid, attribution: this.rootAttribution, parentPid: null, executable: null }, { cwd: null, exact: false });
  }

  /** A clone/clone3/fork/vfork by `parentPid` returned `childPid`. Flags are clone flag names. */
  spawn(parentPid: number, childPid: number, flags: readonly string[]): Task {
    const existing = this.tasks.get(childPid);
    if (existing) return existing;
    const parent = this.task(parentPid);
    const process = flags.includes('CLONE_THREAD')
      ? parent.process
      : {
          tgid: childPid,
          attribution: parent.process.attribution,
          parentPid: parent.process.tgid,
          executable: parent.process.executable,
        };
    const fs = flags.includes('CLONE_FS') ? parent.fs : { ...parent.fs };
    const files = flags.includes('CLONE_FILES') ? parent.files : new Map(parent.files);
    return this.add(childPid, process, fs, files);
  }

  /**
   * A successful chdir/fchdir to the absolute `dir`. A process still working
   * for the package manager that enters a package's folder becomes that
   * package's lifecycle script; one attributed to a package never switches.
   */
  chdir(pid: number, dir: string, exact: boolean): void {
    const task = this.task(pid);
    task.fs.cwd = dir;
    task.fs.exact = exact;
    if (task.process.attribution.via !== 'package-manager') return;
    const pkg = packageOfDir(this.projectDir, dir);
    if (pkg !== null) task.process.attribution = { package: pkg, via: 'lifecycle-script' };
  }

  /** The kernel's view of the cwd (a `-yy` AT_FDCWD annotation) corrects ours. */
  observeCwd(pid: number, dir: string): void {
    const { fs } = this.task(pid);
    fs.cwd = dir;
    fs.exact = true;
  }

  /** A descriptor now names `path` (an open's result), or nothing known (null: a socket, a pipe). */
  setFd(pid: number, fd: number, path: string | null): void {
    const { files } = this.task(pid);
    if (path === null) files.delete(fd);
    else files.set(fd, path);
  }

  /** What the trace knows a pid's descriptor names; never creates a task. */
  fd(pid: number, fd: number): string | null {
    return this.tasks.get(pid)?.files.get(fd) ?? null;
  }

  /** A known pid's working directory; never creates a task. */
  cwd(pid: number): string | null {
    return this.tasks.get(pid)?.fs.cwd ?? null;
  }

  /** The process a known pid belongs to (the pid itself when unknown). */
  tgid(pid: number): number {
    return this.tasks.get(pid)?.process.tgid ?? pid;
  }

  exec(pid: number, executable: string): void {
    this.task(pid).process.executable = executable;
  }

  exit(pid: number): void {
    this.tasks.delete(pid);
  }

  private add(pid: number, process: ProcessState, fs: FsState, files: FdTable = new Map()): Task {
    const task = { pid, process, fs, files };
    this.tasks.set(pid, task);
    return task;
  }
}
