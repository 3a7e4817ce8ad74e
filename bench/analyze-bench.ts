/**
 * `dynaudit analyze` against a bare install of the same package, side by
 * side in one run (both with warm caches, alternating so they share the
 * machine's noise): (a) `npm ci --offline` of its resolved tree and a
 * require() in a plain container (the commands alone are timed); (b)
 * `dynaudit analyze PKG --no-cache`, start to exit. Prints b/a (target 1.5),
 * and p/a, p being the phases' traced commands alone (their durations in
 * b's report): what b would take with no orchestration around them at all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildConfig } from '../src/common/config.js';
import { resolveOptions } from '../src/pipeline/registry-access.js';
import { parseSpec, removeResolved, resolvePackage } from '../src/resolve/index.js';
import type { DockerEngine } from '../src/sandbox/docker-engine.js';
import { bareRun } from './lib/bare-container.js';
import { median, runDynaudit, seconds } from './lib/run-dynaudit.js';

const RUNS = 3;

export async function analyzeBench(engine: DockerEngine, image: string, spec: string): Promise<string> {
  const config = buildConfig(process.env);
  const resolved = await resolvePackage(parseSpec(spec, process.cwd()), resolveOptions(config));
  const work = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-bench-analyze-'));
  try {
    const store = path.join(work, 'results.sqlite');
    const script = `cd app && npm ci --offline --no-audit --no-fund >/dev/null && node -e 'require(${JSON.stringify(resolved.name)})'`;
    await runDynaudit(['analyze', spec, '--no-cache', '--format', 'json', '--store', store]);
    const bare: number[] = [];
    const analyzed: number[] = [];
    const phases: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push((await bareRun(engine, image, { app: resolved.projectDir, '.npm': resolved.cacheDir }, script)).ms);
      const run = await runDynaudit(['analyze', spec, '--no-cache', '--format', 'json', '--store', store]);
      if (run.code !== 0 && run.code !== 1) throw new Error(`dynaudit analyze ${spec} exited ${run.code}`);
      analyzed.push(run.ms);
      phases.push(phasesMs(run.stdout));
      process.stderr.write(`bench: analyze ${spec} run ${i + 1}: bare ${seconds(bare.at(-1)!)}, dynaudit ${seconds(analyzed.at(-1)!)}\n`);
    }
    const a = median(bare);
    const b = median(analyzed);
    const p = median(phases);
    return (
      `analyze ${spec}: bare install+require ${seconds(a)}; dynaudit analyze ${seconds(b)} (medians of ${RUNS}); b/a ${(b / a).toFixed(2)} (target <= 1.5); ` +
      `its phases' traced commands alone ${seconds(p)}, p/a ${(p / a).toFixed(2)}`
    );
  } finally {
    await removeResolved(resolved);
    await rm(work, { recursive: true, force: true });
  }
}

/** The phases' durations in a JSON report, summed. */
function phasesMs(report: string): number {
  const { phases } = JSON.parse(report) as { phases: { durationMs: number }[] };
  return phases.reduce((sum, phase) => sum + phase.durationMs, 0);
}
