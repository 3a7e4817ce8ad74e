/** The strace command line each phase runs under (pure). */

/** Syscalls traced: processes, file changes and opens, and network attempts. */
export const TRACED_SYSCALLS = [
  'execve', 'execveat', 'clone', 'clone3', 'fork', 'vfork', 'chdir', 'fchdir',
  'open', 'openat', 'openat2', 'creat',
  'rename', 'renameat', 'renameat2', 'unlink', 'unlinkat', 'chmod', 'fchmod', 'fchmodat',
  'mkdir', 'mkdirat', 'symlink', 'symlinkat', 'link', 'linkat',
  'socket', 'connect', 'sendto', 'sendmsg', 'sendmmsg',
  // Privileges and escapes (events of their own, see src/trace/privileged-ops.ts).
  'setuid', 'setgid', 'setreuid', 'setregid', 'setresuid', 'setresgid',
  'mount', 'umount2', 'unshare', 'setns', 'chroot', 'pivot_root',
  'ptrace', 'bpf', 'init_module', 'finit_module', 'delete_module', 'kexec_load', 'reboot',
] as const;

/**
 * strace runs as root (the only root process besides init) and drops to the
 * runner user for the command with -u, so the traced code cannot reach the
 * trace file. --seccomp-bpf stops only on traced syscalls (2.0 s vs 3.3 s for
 * `npm install express`, DESIGN.md).
 */
export function straceCommand(traceFile: string, user: string, command: readonly string[]): string[] {
  return [
    'strace', '-f', '-q', '-ttt', '-x', '-yy', '-s', '512', '--seccomp-bpf',
    '-o', traceFile,
    '-u', user,
    '-e', `trace=${TRACED_SYSCALLS.join(',')}`,
    '--', ...command,
  ];
}
