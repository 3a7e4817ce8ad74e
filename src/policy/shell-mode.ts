/**
 * How a shell gets its commands, read from its command line the way the
 * shell reads it (pure): options come first, up to `--`, `-` or the first
 * argument that is not an option; `-c` anywhere among them makes the first
 * argument after them a command string. A `-c` later on the line belongs to
 * the script, not to the shell.
 */
import path from 'node:path';
import type { ShellMode } from './policy-types.js';

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'fish', 'ash']);

/** Options that take the next argument as their value (`-o pipefail`, `--rcfile FILE`, …). */
const WITH_VALUE = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file', '--init-command', '-C']);

/** The shell's mode, or null when `argv` does not start a shell (`busybox sh …` counts as sh). */
export function shellMode(argv: readonly string[], executable: string): ShellMode | null {
  let args = argv.slice(1);
  const names = [path.posix.basename(executable), path.posix.basename(argv[0] ?? '')];
  if (names.includes('busybox')) {
    if (!SHELLS.has(path.posix.basename(args[0] ?? ''))) return null;
    args = args.slice(1);
  } else if (!names.some((name) => SHELLS.has(name))) {
    return null;
  }
  let command = false;
  let interactive = false;
  let stdin = false;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--' || arg === '-') {
      i++;
      break;
    }
    if (WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('--')) {
      if (arg === '--command') command = true;
      if (arg === '--interactive') interactive = true;
      continue;
    }
    if (!/^[-+][A-Za-z]+$/.test(arg)) break;
    if (arg.startsWith('-') && arg.includes('c')) command = true;
    if (arg.startsWith('-') && arg.includes('i')) interactive = true;
    if (arg.startsWith('-') && arg.includes('s')) stdin = true;
  }
  if (interactive) return 'interactive';
  if (command && i < args.length) return 'command';
  return i < args.length && !stdin ? 'script' : 'stdin';
}
