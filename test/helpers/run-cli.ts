/**
 * Runs the real dynaudit CLI (from src, via tsx) and captures its contract:
 * exit code, stdout, stderr. Unless a test names a store (`--store` or
 * DYNAUDIT_STORE), every run of one test file shares a store of its own in a
 * temporary folder: a test never reads or writes the user's store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliResult {
  readonly exitCode: number | null;
  /** The signal that ended the CLI (a test's kill), null when it exited. */
  readonly signal?: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** This test file's own store (one per ava worker process). */
export const testStore = path.join(mkdtempSync(path.join(os.tmpdir(), 'dynaudit-test-store-')), 'results.sqlite');

/** The CLI as a child process of the test, with the test's store unless the test names one. */
export function spawnCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, DYNAUDIT_STORE: testStore, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr }));
  });
}

export function fixturePackage(name: string): string {
  return path.join(repoRoot, 'test', 'fixtures', 'packages', name);
}
