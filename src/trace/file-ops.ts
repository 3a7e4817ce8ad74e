/**
 * What a traced file syscall names (pure): its operation, whether it reads,
 * writes or only looks (metadata), and the paths or descriptor it names,
 * each with the folder a relative path starts from (the `-yy` dirfd
 * annotation, or the working directory) and whether a symlink as its last
 * component is followed. Turning these into the files the kernel touched is
 * file-events.ts's work.
 */
import { posix } from 'node:path';
import type { FileAccess, FileOperation } from '../events/types.js';
import { cStringText } from './c-string.js';
import { flagNames } from './strace-args.js';
import { annotationPath, parseFdArg } from './strace-values.js';

/** A path as the call gave it. */
export interface PathRef {
  readonly text: string;
  /** Folder a relative `text` starts from; null when the trace cannot tell. */
  readonly base: string | null;
  /** A symlink as last component is followed. */
  readonly follow: boolean;
}

/** A file named by an open descriptor (fchmod, fchown, `*at` with AT_EMPTY_PATH). */
export interface FdRef {
  readonly fd: number;
  /** strace's `-yy` annotation of it, when it names a path. */
  readonly annotation: string | null;
}

export interface FileCall {
  readonly operation: FileOperation;
  readonly access: FileAccess;
  readonly file: PathRef | FdRef;
  /** rename: the new name; link: the existing file the new name is for. */
  readonly second?: PathRef;
  /** symlink: what the link points at, as given (relative to the link's folder when relative). */
  readonly linkText?: string;
}

/** Where a path argument sits: its index, and the index of its dirfd for *at calls. */
interface Slot {
  readonly dirfd: number | null;
  readonly path: number;
}

interface Spec {
  readonly operation: FileOperation;
  readonly access?: FileAccess;
  readonly file: Slot | { readonly fd: number };
  readonly second?: Slot;
  /** Index of the open flags (a flag set, or an open_how struct for openat2). */
  readonly openFlags?: number;
  /** Index of AT_* flags; a follow/nofollow default otherwise. */
  readonly atFlags?: number;
  /** Follows a symlink as last component unless flags say otherwise. */
  readonly follow?: boolean;
  /** symlink: index of the target text. */
  readonly linkText?: number;
}

const at = (dirfd: number | null, path: number): Slot => ({ dirfd, path });
const META: Pick<Spec, 'access'> = { access: 'metadata' };

const SPECS: Readonly<Record<string, Spec>> = {
  open: { operation: 'open', file: at(null, 0), openFlags: 1 },
  openat: { operation: 'open', file: at(0, 1), openFlags: 2 },
  openat2: { operation: 'open', file: at(0, 1), openFlags: 2 },
  creat: { operation: 'open', file: at(null, 0), follow: true },
  rename: { operation: 'rename', file: at(null, 0), second: at(null, 1) },
  renameat: { operation: 'rename', file: at(0, 1), second: at(2, 3) },
  renameat2: { operation: 'rename', file: at(0, 1), second: at(2, 3) },
  unlink: { operation: 'unlink', file: at(null, 0) },
  unlinkat: { operation: 'unlink', file: at(0, 1) },
  rmdir: { operation: 'unlink', file: at(null, 0) },
  chmod: { operation: 'chmod', file: at(null, 0), follow: true },
  fchmod: { operation: 'chmod', file: { fd: 0 } },
  fchmodat: { operation: 'chmod', file: at(0, 1), follow: true },
  chown: { operation: 'chown', file: at(null, 0), follow: true },
  lchown: { operation: 'chown', file: at(null, 0) },
  fchown: { operation: 'chown', file: { fd: 0 } },
  fchownat: { operation: 'chown', file: at(0, 1), atFlags: 4, follow: true },
  truncate: { operation: 'truncate', file: at(null, 0), follow: true },
  mkdir: { operation: 'mkdir', file: at(null, 0) },
  mkdirat: { operation: 'mkdir', file: at(0, 1) },
  mknod: { operation: 'mknod', file: at(null, 0) },
  mknodat: { operation: 'mknod', file: at(0, 1) },
  symlink: { operation: 'symlink', file: at(null, 1), linkText: 0 },
  symlinkat: { operation: 'symlink', file: at(1, 2), linkText: 0 },
  link: { operation: 'link', file: at(null, 1), second: at(null, 0) },
  linkat: { operation: 'link', file: at(2, 3), second: at(0, 1), atFlags: 4 },
  stat: { operation: 'stat', ...META, file: at(null, 0), follow: true },
  lstat: { operation: 'stat', ...META, file: at(null, 0) },
  newfstatat: { operation: 'stat', ...META, file: at(0, 1), atFlags: 3, follow: true },
  statx: { operation: 'stat', ...META, file: at(0, 1), atFlags: 2, follow: true },
  statfs: { operation: 'stat', ...META, file: at(null, 0), follow: true },
  access: { operation: 'access', ...META, file: at(null, 0), follow: true },
  faccessat: { operation: 'access', ...META, file: at(0, 1), follow: true },
  faccessat2: { operation: 'access', ...META, file: at(0, 1), atFlags: 3, follow: true },
  readlink: { operation: 'readlink', ...META, file: at(null, 0) },
  readlinkat: { operation: 'readlink', ...META, file: at(0, 1) },
};

/** The syscalls this file reads (the sandbox's strace command traces them). */
export const FILE_SYSCALLS = Object.keys(SPECS);

const WRITE_FLAGS = new Set(['O_WRONLY', 'O_RDWR', 'O_CREAT', 'O_TRUNC', 'O_APPEND', 'O_TMPFILE']);

function isFileSyscall(syscall: string): boolean {
  return Object.hasOwn(SPECS, syscall);
}

/** `path` made absolute against `base` when it is relative and `base` is known (lexically: no links followed). */
export function resolvePath(path: string, base: string | null): string {
  if (path.startsWith('/')) return posix.normalize(path);
  if (base === null) return path;
  return posix.normalize(path === '' ? base : posix.join(base, path));
}

function text(token: string | undefined): string | null {
  return token === undefined ? null : (cStringText(token) ?? token);
}

function fdRef(token: string | undefined): FdRef | null {
  const fd = parseFdArg(token ?? '');
  return fd === null || typeof fd.fd !== 'number' ? null : { fd: fd.fd, annotation: annotationPath(fd) };
}

function pathRef(args: readonly string[], slot: Slot, cwd: string | null, follow: boolean): PathRef | FdRef | null {
  const path = text(args[slot.path]);
  if (path === null) return null;
  if (slot.dirfd === null) return { text: path, base: cwd, follow };
  const dirfd = parseFdArg(args[slot.dirfd] ?? '');
  // AT_EMPTY_PATH with "": the call is about the descriptor itself.
  if (path === '' && dirfd !== null && typeof dirfd.fd === 'number') return fdRef(args[slot.dirfd]);
  return { text: path, base: annotationPath(dirfd) ?? (dirfd?.fd === 'AT_FDCWD' ? cwd : null), follow };
}

function follows(spec: Spec, args: readonly string[]): boolean {
  if (spec.openFlags !== undefined) {
    const flags = flagNames(args[spec.openFlags] ?? '');
    return !flags.includes('O_NOFOLLOW') && !(flags.includes('O_CREAT') && flags.includes('O_EXCL'));
  }
  if (spec.atFlags !== undefined) {
    const flags = flagNames(args[spec.atFlags] ?? '');
    if (flags.includes('AT_SYMLINK_NOFOLLOW')) return false;
    if (flags.includes('AT_SYMLINK_FOLLOW')) return true;
  }
  return spec.follow === true;
}

/** The file call of a traced syscall, or null if `syscall` is not a file syscall or its arguments are unreadable. */
export function fileCall(syscall: string, args: readonly string[], cwd: string | null): FileCall | null {
  if (!isFileSyscall(syscall)) return null;
  const spec = SPECS[syscall]!;
  const file = 'fd' in spec.file ? fdRef(args[spec.file.fd]) : pathRef(args, spec.file, cwd, follows(spec, args));
  if (file === null) return null;
  let access: FileAccess = spec.access ?? 'write';
  if (spec.openFlags !== undefined) {
    access = flagNames(args[spec.openFlags] ?? '').some((flag) => WRITE_FLAGS.has(flag)) ? 'write' : 'read';
  }
  const second = spec.second === undefined ? null : pathRef(args, spec.second, cwd, syscall === 'linkat' && follows(spec, args));
  const linkText = spec.linkText === undefined ? null : text(args[spec.linkText]);
  return {
    operation: spec.operation,
    access,
    file,
    ...(second !== null && 'text' in second ? { second } : {}),
    ...(linkText === null ? {} : { linkText }),
  };
}
