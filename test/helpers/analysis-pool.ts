/**
 * Runs `dynaudit analyze` for many specs a few at a time, started as soon as
 * they are asked for, so a test file run with `--serial` still analyzes two
 * packages at once while its tests await their own report in order. Every
 * run uses the pool's own fresh result store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnalysisReport } from '../../src/report/index.js';
import { runCli, type CliResult } from './run-cli.js';

export interface Analysis {
  readonly result: CliResult;
  /** The JSON report, or null when the CLI printed none. */
  readonly report: AnalysisReport | null;
  readonly durationMs: number;
}

export class AnalysisPool {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-pool-'));
  private readonly queue: (() => void)[] = [];
  private running = 0;

  constructor(private readonly concurrency: number) {}

  /** The analysis of `spec` with extra CLI arguments; runs when a slot is free. */
  analyze(spec: string, args: readonly string[] = []): Promise<Analysis> {
    return new Promise((resolve, reject) => {
      const run = (): void => {
        this.running += 1;
        const startedAt = Date.now();
        const store = path.join(this.dir, `${this.running}-${startedAt}.sqlite`);
        runCli(['analyze', spec, '--format', 'json', '--no-cache', '--store', store, ...args])
          .then((result) => {
            let report: AnalysisReport | null = null;
            try {
              report = JSON.parse(result.stdout) as AnalysisReport;
            } catch {
              report = null;
            }
            resolve({ result, report, durationMs: Date.now() - startedAt });
          }, reject)
          .finally(() => {
            this.running -= 1;
            this.queue.shift()?.();
          });
      };
      if (this.running < this.concurrency) run();
      else this.queue.push(run);
    });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
