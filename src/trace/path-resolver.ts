/**
 * Paths as the kernel walks them (pure, one phase's state): through the
 * symlinks and hard links the trace saw being made, through `/proc/self`,
 * `/proc/PID`, `/proc/thread-self` and `/dev/fd` (a process's working
 * directory, open descriptors and root), component by component, so that
 * `..` after a link goes up from where the link led, as it does in the kernel.
 */

/** What the resolver needs to know about the processes of the trace. */
export interface ProcessFacts {
  /** The process (thread group) a pid belongs to. */
  tgid(pid: number): number;
  /** A process's working directory, when known. */
  cwd(pid: number): string | null;
  /** What a process's descriptor names (a path), when known. */
  fd(pid: number, fd: number): string | null;
}

export interface Resolved {
  readonly path: string;
  /**
   * False when a `..` or a `/proc` entry the trace cannot vouch for was on the
   * way: a link made before this trace (an earlier phase) could make the
   * kernel's answer differ.
   */
  readonly exact: boolean;
}

type Link = { readonly kind: 'symlink'; readonly text: string } | { readonly kind: 'hard'; readonly file: string };

/** The kernel's limit on symlinks followed in one walk. */
const MAX_HOPS = 40;

function parts(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

export class PathResolver {
  private readonly links = new Map<string, Link>();

  constructor(private readonly facts: ProcessFacts) {}

  /** `text` made absolute against `base` (a folder) and walked; `follow`: a link as last component is followed. */
  resolve(text: string, base: string | null, pid: number, follow = true): Resolved {
    if (!text.startsWith('/') && base === null) return { path: text, exact: false };
    const start = text.startsWith('/') ? text : `${base}/${text}`;
    return this.walk(start, pid, follow);
  }

  /** A symlink was made at `path` (already resolved, not followed) pointing at `text` (as given). */
  addSymlink(path: string, text: string): void {
    this.links.set(path, { kind: 'symlink', text });
  }

  /** A hard link `path` to the existing `file` was made: writing one is writing the other. */
  addHardLink(path: string, file: string): void {
    const existing = this.links.get(file);
    this.links.set(path, existing?.kind === 'symlink' ? existing : { kind: 'hard', file: existing?.kind === 'hard' ? existing.file : file });
  }

  /** A rename moved `from` (and everything below it) to `to`. */
  rename(from: string, to: string): void {
    this.links.delete(to);
    for (const [path, link] of [...this.links]) {
      if (path === from || path.startsWith(`${from}/`)) {
        this.links.delete(path);
        this.links.set(to + path.slice(from.length), link);
      }
    }
  }

  unlink(path: string): void {
    this.links.delete(path);
  }

  /** The file a hard link made in this trace stands for (the path itself otherwise). */
  hardLinkTarget(path: string): string {
    const link = this.links.get(path);
    return link?.kind === 'hard' ? link.file : path;
  }

  /** `/proc/PID/…` of the acting process written as `/proc/self/…` (and its thread's as `/proc/thread-self/…`). */
  selfRelative(path: string, pid: number): string {
    const tgid = this.facts.tgid(pid);
    const thread = `/proc/${tgid}/task/${pid}`;
    if (path === thread || path.startsWith(`${thread}/`)) return `/proc/thread-self${path.slice(thread.length)}`;
    const own = `/proc/${tgid}`;
    return path === own || path.startsWith(`${own}/`) ? `/proc/self${path.slice(own.length)}` : path;
  }

  private walk(start: string, pid: number, follow: boolean): Resolved {
    const queue = parts(start.startsWith('/dev/fd') ? `/proc/self/fd${start.slice('/dev/fd'.length)}` : start);
    const stack: string[] = [];
    // The path so far, kept as a string beside the stack (paths can be kilobytes long).
    let here = '';
    let exact = true;
    let hops = 0;
    while (queue.length > 0) {
      const part = queue.shift()!;
      if (part === '..') {
        stack.pop();
        here = here.slice(0, Math.max(0, here.lastIndexOf('/')));
        exact = false;
        continue;
      }
      const special = stack[0] === 'proc' || (stack.length === 0 && part === 'proc') ? this.procEntry(stack, part, pid) : undefined;
      if (special !== undefined) {
        if (special === null) exact = false;
        else {
          stack.length = 0;
          here = '';
          queue.unshift(...parts(special));
          continue;
        }
      }
      const next = `${here}/${part}`;
      const link = this.links.size === 0 ? undefined : this.links.get(next);
      if (link && (queue.length > 0 || follow) && hops < MAX_HOPS) {
        hops += 1;
        if (link.kind === 'hard') {
          stack.length = 0;
          stack.push(...parts(link.file));
          here = stack.length === 0 ? '' : `/${stack.join('/')}`;
        } else {
          if (link.text.startsWith('/')) {
            stack.length = 0;
            here = '';
          }
          queue.unshift(...parts(link.text));
        }
        continue;
      }
      stack.push(part);
      here = next;
    }
    return { path: here === '' ? '/' : here, exact };
  }

  /**
   * What a `/proc` entry leads to: `self` and `thread-self` to the process's
   * own folder, `PID/cwd`, `PID/root` and `PID/fd/N` to the folder or file
   * they name; null when the trace does not know it; undefined for anything else.
   */
  private procEntry(stack: readonly string[], part: string, pid: number): string | null | undefined {
    if (stack.length === 1 && stack[0] === 'proc') {
      if (part === 'self') return `/proc/${this.facts.tgid(pid)}`;
      if (part === 'thread-self') return `/proc/${this.facts.tgid(pid)}/task/${pid}`;
      return undefined;
    }
    if (stack[0] !== 'proc' || !/^\d+$/.test(stack[1] ?? '')) return undefined;
    const thread = stack[2] === 'task' && /^\d+$/.test(stack[3] ?? '');
    const owner = Number(thread ? stack[3] : stack[1]);
    const rest = stack.slice(thread ? 4 : 2);
    if (rest.length === 0 && part === 'cwd') return this.facts.cwd(owner);
    if (rest.length === 0 && part === 'root') return '/';
    if (rest.length === 1 && rest[0] === 'fd' && /^\d+$/.test(part)) return this.facts.fd(owner, Number(part));
    return undefined;
  }
}
