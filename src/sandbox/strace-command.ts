/** The strace command line each phase runs under (pure). */

/**
 * Syscalls traced: processes, file changes, opens and looks (stat, access,
 * readlink: how a package probes for a sandbox without opening anything),
 * and network attempts. test/unit/sandbox/strace-command.test.ts checks this
 * list against what src/trace reads.
 */
export const TRACED_SYSCALLS = [
  'execve', 'execveat', 'clone', 'clone3', 'fork', 'vfork', 'chdir', 'fchdir',
  'open', 'openat', 'openat2', 'creat',
  'rename', 'renameat', 'renameat2', 'unlink', 'unlinkat', 'rmdir', 'chmod', 'fchmod', 'fchmodat',
  'chown', 'lchown', 'fchown', 'fchownat', 'truncate', 'mknod', 'mknodat',
  'mkdir', 'mkdirat', 'symlink', 'symlinkat', 'link', 'linkat',
  'stat', 'lstat', 'newfstatat', 'statx', 'statfs', 'access', 'faccessat', 'faccessat2', 'readlink', 'readlinkat',
  'socket', 'connect', 'sendto', 'sendmsg', 'sendmmsg',
  // Servers: a listening socket is a finding (src/trace/listen-ops.ts).
  'bind', 'listen', 'accept', 'accept4',
  // Privileges and escapes (events of their own, see src/trace/privileged-ops.ts).
  'setuid', 'setgid', 'setreuid', 'setregid', 'setresuid', 'setresgid',
  'mount', 'umount2', 'unshare', 'setns', 'chroot', 'pivot_root',
  'ptrace', 'bpf', 'init_module', 'finit_module', 'delete_module', 'kexec_load', 'reboot',
  'io_uring_setup', 'seccomp',
] as const;

/**
 * Calls strace makes fail: I/O submitted through an io_uring (Node's libuv
 * sets one up, and uses it for files when UV_USE_IO_URING=1) and calls a
 * seccomp user-notification filter lets through never reach the tracer. With
 * io_uring refused, libuv and everything else fall back to plain syscalls;
 * an attempt at seccomp still shows in the trace (tracer-evasion).
 */
const REFUSED_SYSCALLS = [
  ['io_uring_setup', 'ENOSYS'],
  ['seccomp', 'EPERM'],
] as const;

/**
 * Longest argument strace prints whole: an exec's arguments are capped by the
 * kernel at 128 KiB each (MAX_ARG_STRLEN), so no command line is ever cut and
 * padding cannot push its tell-tale part out of view. strace also prints at
 * most this many arguments of one exec; beyond, the parser flags the cut.
 */
export const STRACE_STRING_BYTES = 131072;

/**
 * strace runs as root (the only root process besides init) and drops to the
 * runner user for the command with -u, so the traced code cannot reach the
 * trace file. --seccomp-bpf stops only on traced syscalls (2.0 s vs 3.3 s for
 * `npm install express`, DESIGN.md); not under gVisor (`runtime` runsc),
 * whose seccomp loses track of the tracee with a filter of more than 63
 * syscalls as strace builds it ("Stray PTRACE_EVENT_EXEC", most of the trace
 * missing), so there strace stops on every syscall. `-yy` names the file or
 * socket behind every descriptor (it reads /proc/PID/fd, hence the sandbox's
 * CAP_DAC_READ_SEARCH, which only root processes hold). `env` (`NAME=value`)
 * goes to the command only (`-E`): the clock's preload (time-acceleration.ts)
 * must not reach strace, whose timestamps stay real.
 */
export function straceCommand(
  traceFile: string,
  user: string,
  command: readonly string[],
  options: { readonly runtime?: string; readonly env?: readonly string[] } = {},
): string[] {
  return [
    'strace', '-f', '-q', '-ttt', '-x', '-yy', '-s', String(STRACE_STRING_BYTES), ...(options.runtime === 'runsc' ? [] : ['--seccomp-bpf']),
    '-o', traceFile,
    '-u', user,
    '-e', `trace=${TRACED_SYSCALLS.join(',')}`,
    ...REFUSED_SYSCALLS.flatMap(([syscall, errno]) => ['-e', `inject=${syscall}:error=${errno}`]),
    ...(options.env ?? []).flatMap((variable) => ['-E', variable]),
    '--', ...command,
  ];
}
