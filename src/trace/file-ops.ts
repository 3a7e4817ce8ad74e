/**
 * What a traced file syscall did to which path, with paths made absolute
 * from the `-yy` dirfd annotation or the process's working directory.
 */
import { posix } from 'node:path';
import type { FileOperation } from '../events/types.js';
import { cStringText } from './c-string.js';
import { flagNames } from './strace-args.js';
import { annotationPath, parseFdArg } from './strace-values.js';

export interface FileOp {
  readonly operation: FileOperation;
  readonly path: string;
  readonly target?: string;
  readonly access: 'read' | 'write';
}

/** Where a path argument sits: its index, and the index of its dirfd for *at calls. */
interface PathSlot {
  readonly dirfd: number | null;
  readonly path: number;
}

interface Spec {
  readonly operation: FileOperation;
  readonly path: PathSlot;
  readonly target?: PathSlot;
  /** Index of the open flags (a flag set, or an open_how struct for openat2). */
  readonly flags?: number;
  /** fchmod: the path is the fd argument's annotation. */
  readonly byFd?: boolean;
}

const at = (dirfd: number | null, path: number): PathSlot => ({ dirfd, path });

const SPECS: Readonly<Record<string, Spec>> = {
  open: { operation: 'open', path: at(null, 0), flags: 1 },
  openat: { operation: 'open', path: at(0, 1), flags: 2 },
  openat2: { operation: 'open', path: at(0, 1), flags: 2 },
  creat: { operation: 'open', path: at(null, 0) },
  rename: { operation: 'rename', path: at(null, 0), target: at(null, 1) },
  renameat: { operation: 'rename', path: at(0, 1), target: at(2, 3) },
  renameat2: { operation: 'rename', path: at(0, 1), target: at(2, 3) },
  unlink: { operation: 'unlink', path: at(null, 0) },
  unlinkat: { operation: 'unlink', path: at(0, 1) },
  chmod: { operation: 'chmod', path: at(null, 0) },
  fchmod: { operation: 'chmod', path: at(null, 0), byFd: true },
  fchmodat: { operation: 'chmod', path: at(0, 1) },
  mkdir: { operation: 'mkdir', path: at(null, 0) },
  mkdirat: { operation: 'mkdir', path: at(0, 1) },
  // symlink(target, linkpath): the path written is the new link.
  symlink: { operation: 'symlink', path: at(null, 1), target: at(null, 0) },
  symlinkat: { operation: 'symlink', path: at(1, 2), target: at(null, 0) },
  link: { operation: 'link', path: at(null, 0), target: at(null, 1) },
  linkat: { operation: 'link', path: at(0, 1), target: at(2, 3) },
};

const WRITE_FLAGS = new Set(['O_WRONLY', 'O_RDWR', 'O_CREAT', 'O_TRUNC', 'O_APPEND', 'O_TMPFILE']);

export function isFileSyscall(syscall: string): boolean {
  return Object.hasOwn(SPECS, syscall);
}

/** `path` made absolute against `base` when it is relative and `base` is known. */
export function resolvePath(path: string, base: string | null): string {
  if (path.startsWith('/')) return posix.normalize(path);
  if (base === null) return path;
  return posix.normalize(path === '' ? base : posix.join(base, path));
}

function resolveSlot(args: readonly string[], slot: PathSlot, cwd: string | null): string | null {
  const token = args[slot.path];
  if (token === undefined) return null;
  const path = cStringText(token) ?? token;
  if (slot.dirfd === null) return resolvePath(path, cwd);
  const dirfd = parseFdArg(args[slot.dirfd] ?? '');
  const base = annotationPath(dirfd) ?? (dirfd?.fd === 'AT_FDCWD' ? cwd : null);
  return resolvePath(path, base);
}

/** The file operation of a traced call, or null if `syscall` is not a file syscall or its arguments are unreadable. */
export function fileOp(syscall: string, args: readonly string[], cwd: string | null): FileOp | null {
  if (!isFileSyscall(syscall)) return null;
  const spec = SPECS[syscall]!;
  let path: string | null;
  if (spec.byFd) {
    const token = args[0];
    path = token === undefined ? null : (annotationPath(parseFdArg(token)) ?? token);
  } else {
    path = resolveSlot(args, spec.path, cwd);
  }
  if (path === null) return null;
  let access: 'read' | 'write' = 'write';
  if (spec.flags !== undefined) {
    const flags = flagNames(args[spec.flags] ?? '');
    access = flags.some((flag) => WRITE_FLAGS.has(flag)) ? 'write' : 'read';
  }
  let target: string | null | undefined;
  if (spec.target !== undefined) {
    target =
      spec.operation === 'symlink'
        ? resolvePath(cStringText(args[0] ?? '') ?? args[0] ?? '', posix.dirname(path))
        : resolveSlot(args, spec.target, cwd);
  }
  return target === undefined || target === null
    ? { operation: spec.operation, path, access }
    : { operation: spec.operation, path, target, access };
}
