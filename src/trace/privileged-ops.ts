/**
 * Calls that ask for privileges or reach past the sandbox (pure): the
 * set*id family, mounts, namespaces, chroot, ptrace, kernel modules, bpf,
 * raw and packet sockets; the ways to act where the tracer cannot see
 * (a seccomp filter of one's own, a clone that asks not to be traced; the
 * sandbox refuses io_uring outright, see strace-command.ts); and connections to Unix sockets, which name a path (the Docker
 * socket above all).
 */
import { cStringText } from './c-string.js';

/** Traced syscalls that are events whatever their arguments. */
export const PRIVILEGED_SYSCALLS = [
  'setuid', 'setgid', 'setreuid', 'setregid', 'setresuid', 'setresgid',
  'mount', 'umount2', 'unshare', 'setns', 'chroot', 'pivot_root',
  'ptrace', 'bpf', 'init_module', 'finit_module', 'delete_module', 'kexec_load', 'reboot',
  // Calls a seccomp user-notification filter lets through never reach the tracer (the sandbox refuses seccomp).
  'seccomp',
] as const;

const PRIVILEGED = new Set<string>(PRIVILEGED_SYSCALLS);
const MAX_DETAIL_CHARS = 200;

export interface PrivilegedOp {
  readonly syscall: string;
  readonly detail: string;
}

function detailOf(args: readonly string[]): string {
  const text = args.join(', ');
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
}

/**
 * socket(domain, type, protocol) that opens a raw or packet socket (it needs
 * CAP_NET_RAW). Netlink sockets are raw by convention and craft no packets:
 * glibc's getifaddrs (Node's os.networkInterfaces) asks the kernel for the
 * machine's own addresses over one.
 */
function isRawSocket(args: readonly string[]): boolean {
  const [domain = '', type = ''] = args;
  return domain === 'AF_PACKET' || (domain !== 'AF_NETLINK' && /\bSOCK_(RAW|PACKET)\b/.test(type));
}

/** clone/clone3 with CLONE_UNTRACED: the child is not followed by the tracer. */
function isUntracedClone(syscall: string, args: readonly string[]): boolean {
  return (syscall === 'clone' || syscall === 'clone3') && args.some((arg) => /\bCLONE_UNTRACED\b/.test(arg));
}

/** The privileged op of a traced call, or null for an ordinary one. */
export function privilegedOp(syscall: string, args: readonly string[]): PrivilegedOp | null {
  if (PRIVILEGED.has(syscall)) return { syscall, detail: detailOf(args) };
  if (syscall === 'socket' && isRawSocket(args)) return { syscall, detail: detailOf(args) };
  if (isUntracedClone(syscall, args)) return { syscall, detail: detailOf(args) };
  return null;
}

/** connect(fd, {sa_family=AF_UNIX, sun_path="..."}, len): the socket's path; null for other families and abstract sockets. */
export function unixSocketPath(args: readonly string[]): string | null {
  const address = args[1] ?? '';
  if (!address.includes('sa_family=AF_UNIX')) return null;
  const match = /sun_path=("(?:[^"\\]|\\.)*")/.exec(address);
  if (!match) return null;
  const path = cStringText(match[1]!);
  return path !== null && path.startsWith('/') ? path : null;
}
