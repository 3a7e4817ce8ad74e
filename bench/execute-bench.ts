/**
 * What the execute phase costs: `dynaudit analyze PKG --no-cache` with
 * `--phases install,import` (a) and with all phases (b), alternating in one
 * run so both share the machine's noise, for a few packages of different
 * shapes. Prints each package's b/a, and the execute phase's own time (from
 * the report) as a share of the whole analysis.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AnalysisReport } from '../src/report/index.js';
import { median, runDynaudit, seconds } from './lib/run-dynaudit.js';

const RUNS = 3;
export const EXECUTE_BENCH_PACKAGES = ['lodash@4.17.21', 'express@4.21.2', 'commander@12.1.0'];

async function analyzed(spec: string, store: string, phases: string): Promise<{ ms: number; executeMs: number }> {
  const run = await runDynaudit(['analyze', spec, '--no-cache', '--format', 'json', '--store', store, '--phases', phases]);
  if (run.code !== 0 && run.code !== 1) throw new Error(`dynaudit analyze ${spec} --phases ${phases} exited ${run.code}`);
  const report = JSON.parse(run.stdout) as AnalysisReport;
  return { ms: run.ms, executeMs: report.phases.find((phase) => phase.name === 'execute')?.durationMs ?? 0 };
}

export async function executeBench(spec: string): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-bench-execute-'));
  try {
    const store = path.join(work, 'results.sqlite');
    await analyzed(spec, store, 'install,import,execute');
    const without: number[] = [];
    const withExecute: number[] = [];
    const executeOnly: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      without.push((await analyzed(spec, store, 'install,import')).ms);
      const full = await analyzed(spec, store, 'install,import,execute');
      withExecute.push(full.ms);
      executeOnly.push(full.executeMs);
      process.stderr.write(`bench: execute ${spec} run ${i + 1}: without ${seconds(without.at(-1)!)}, with ${seconds(full.ms)} (execute phase ${seconds(full.executeMs)})\n`);
    }
    const a = median(without);
    const b = median(withExecute);
    return `execute ${spec}: analyze without execute ${seconds(a)}, with ${seconds(b)} (medians of ${RUNS}); b/a ${(b / a).toFixed(2)}; execute phase ${((median(executeOnly) / b) * 100).toFixed(0)}% of the analysis`;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
