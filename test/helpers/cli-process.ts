/**
 * The dynaudit CLI as a child process the test can watch and kill (its pid is
 * the orchestrator's, recorded in the owner labels of what it creates), what
 * Docker still holds of a given orchestrator, and which host processes run.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { LABEL_OWNER_PID } from '../../src/sandbox/owner.js';
import { spawnCli, type CliResult } from './run-cli.js';

export interface CliProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** stderr so far. */
  stderr(): string;
  /** Resolves once stderr matches. */
  waitFor(pattern: RegExp): Promise<void>;
  readonly done: Promise<CliResult & { readonly durationMs: number }>;
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const startedAt = Date.now();
  const child = spawnCli(args, { env });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const waiter of waiters.filter((w) => w.pattern.test(stderr))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const done = new Promise<CliResult & { durationMs: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr, durationMs: Date.now() - startedAt }));
  });
  return {
    child,
    pid: child.pid ?? 0,
    stderr: () => stderr,
    waitFor: (pattern) =>
      pattern.test(stderr)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiters.push({ pattern, resolve });
            void done.then(() => reject(new Error(`the CLI ended before its stderr matched ${pattern}:\n${stderr}`)));
          }),
    done,
  };
}

function docker(args: readonly string[]): string[] {
  return execFileSync('docker', [...args], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** Containers and volumes that the orchestrator with this pid created and that still exist. */
export function leftoversOf(pid: number): { containers: string[]; volumes: string[] } {
  const filter = `label=${LABEL_OWNER_PID}=${pid}`;
  return { containers: docker(['ps', '-aq', '--filter', filter]), volumes: docker(['volume', 'ls', '-q', '--filter', filter]) };
}

/**
 * Command lines of the host processes that contain the text (the sandbox's
 * processes are host processes under runc), read from /proc: an unreadable
 * /proc is an error, never an empty answer.
 */
export function hostProcesses(text: string): string[] {
  const lines: string[] = [];
  const pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  if (!pids.includes(String(process.pid))) throw new Error('/proc does not list this process: host processes cannot be told');
  for (const entry of pids) {
    if (Number(entry) === process.pid) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      continue; // ended while we looked
    }
    if (command.includes(text)) lines.push(`${entry} ${command}`);
  }
  return lines;
}
