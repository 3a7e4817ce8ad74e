/**
 * File calls to the files the kernel touched (one phase's state): paths are
 * walked through the links the trace saw being made and through `/proc`
 * entries; a successful open takes strace's annotation of the returned
 * descriptor (the kernel's own answer); a descriptor names the file it was
 * opened on. Looks at files (stat, access, readlink) are kept only where a
 * probe could be: not npm's own, not inside the project. Repeats of a failed
 * call, and of a look, by one process fold into their first event.
 */
import { posix } from 'node:path';
import type { FileAccess, FileOperation } from '../events/types.js';
import { resolvePath, type FileCall, type FdRef, type PathRef } from './file-ops.js';
import type { PathResolver } from './path-resolver.js';
import type { ProcessTable, Task } from './process-table.js';
import type { StraceRecord } from './strace-line.js';
import { parseAnnotation } from './strace-values.js';

export interface FileOp {
  readonly operation: FileOperation;
  readonly path: string;
  readonly requested?: string;
  readonly target?: string;
  readonly access: FileAccess;
}

/** Operations on a name rather than on the file behind it. */
const ON_NAMES = new Set<FileOperation>(['rename', 'unlink', 'link', 'symlink', 'mkdir', 'mknod', 'readlink']);

export class FileEvents {
  private readonly seen = new Set<string>();

  constructor(
    private readonly table: ProcessTable,
    private readonly resolver: PathResolver,
    private readonly projectDir: string,
  ) {}

  /** The file operation a call performed (null when it names nothing the trace can know, or is folded). */
  event(record: StraceRecord, task: Task, call: FileCall): FileOp | null {
    const ok = record.result !== null && record.result >= 0;
    const file = this.file(call.file, record, ok, call.operation);
    if (file === null) return null;
    const target = this.target(call, file.path, record.pid);
    if (ok) this.learn(call, record, file.path, target);
    const op: FileOp = {
      operation: call.operation,
      path: file.path,
      ...(file.requested !== undefined && file.requested !== file.path ? { requested: file.requested } : {}),
      ...(target === null ? {} : { target }),
      // mkdir -p asks for every folder on the way; one that exists (EEXIST) was only looked at.
      access: call.operation === 'mkdir' && record.errno === 'EEXIST' ? 'metadata' : call.access,
    };
    return this.folded(op, record, task, ok) ? null : op;
  }

  /**
   * The kernel's file: the returned descriptor's annotation, else the walked
   * path. Calls on a file's content or attributes through a hard link made in
   * the trace are on the file it stands for; calls on names (rename, unlink,
   * link) are on the name.
   */
  private file(ref: PathRef | FdRef, record: StraceRecord, ok: boolean, call: FileOperation): { path: string; requested?: string } | null {
    const pid = record.pid;
    const inode = (path: string): string => (ON_NAMES.has(call) ? path : this.resolver.hardLinkTarget(path));
    if ('fd' in ref) {
      const path = ref.annotation ?? this.table.fd(pid, ref.fd);
      return path === null ? null : { path: this.resolver.selfRelative(inode(path), pid) };
    }
    const requested = resolvePath(ref.text, ref.base);
    const walked = this.resolver.resolve(ref.text, ref.base, pid, ref.follow).path;
    const kernel = ok && record.resultAnnotation !== undefined ? parseAnnotation(record.resultAnnotation) : null;
    const path = kernel?.kind === 'path' && call === 'open' ? kernel.path : walked;
    return { path: this.resolver.selfRelative(inode(path), pid), requested: this.resolver.selfRelative(requested, pid) };
  }

  private target(call: FileCall, path: string, pid: number): string | null {
    if (call.linkText !== undefined) return this.resolver.resolve(call.linkText, posix.dirname(path), pid).path;
    if (call.second === undefined) return null;
    const second = this.resolver.resolve(call.second.text, call.second.base, pid, call.second.follow).path;
    return call.operation === 'link' ? this.resolver.hardLinkTarget(second) : second;
  }

  /** What a successful call changes for later calls: descriptors, links. */
  private learn(call: FileCall, record: StraceRecord, path: string, target: string | null): void {
    if (call.operation === 'open' && record.result !== null) this.table.setFd(record.pid, record.result, path);
    else if (call.operation === 'symlink' && call.linkText !== undefined) this.resolver.addSymlink(path, call.linkText);
    else if (call.operation === 'link' && target !== null) this.resolver.addHardLink(path, target);
    else if (call.operation === 'rename' && target !== null) this.resolver.rename(path, target);
    else if (call.operation === 'unlink') this.resolver.unlink(path);
  }

  /** Looks by npm itself or inside the project are module resolution, not probes; repeats add nothing. */
  private folded(op: FileOp, record: StraceRecord, task: Task, ok: boolean): boolean {
    if (op.access === 'metadata') {
      if (task.process.attribution.via === 'package-manager') return true;
      const project = `${this.projectDir}/`;
      if (`${op.path}/`.startsWith(project) && (op.requested === undefined || `${op.requested}/`.startsWith(project))) return true;
    } else if (ok) {
      return false;
    }
    const key = `${task.process.tgid}\0${op.operation}\0${op.path}\0${op.requested ?? ''}\0${ok ? '' : (record.errno ?? '?')}`;
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    return false;
  }
}
