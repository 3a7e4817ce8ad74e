/**
 * `npm run bench:time [-- spec ...]`: what the fast clock costs and what it
 * breaks, side by side in one run. Per package, two fresh sandboxes (the
 * real one, traced, with the fake internet) run the same resolved tree:
 *   (r) install and import on the real clock (the loader's observation
 *       window is then at most 9 s of real time, and none when the package
 *       leaves nothing pending);
 *   (f) install and import on the fast clock with the observation window,
 *       then the dated loadings (+3 d, +7 d), as `dynaudit analyze` runs them.
 * Prints per package the install ratio f/r, the import ratio (with its
 * window), the dated loadings' cost as a share of the real import, the whole
 * f/r, and every difference of outcome (a phase's status, what the loader
 * loaded, the errors it caught): what acceleration broke.
 */
import { buildConfig } from '../src/common/config.js';
import { sandboxOptions } from '../src/pipeline/session/sandbox-options.js';
import { createCallSecrets, cryptoRandom } from '../src/honeytokens/index.js';
import { writeAppEntry } from '../src/pipeline/calls/consumer-command.js';
import { packagePhase } from '../src/pipeline/session/run-session.js';
import { resolveOptions } from '../src/pipeline/registry-access.js';
import { parseSpec, removeResolved, resolvePackage, type ResolvedPackage } from '../src/resolve/index.js';
import { DockerEngine } from '../src/sandbox/docker-engine.js';
import { DockerSandbox } from '../src/sandbox/docker-sandbox.js';
import { ensureFakenetImage } from '../src/sandbox/fakenet-image.js';
import type { PhaseRun } from '../src/sandbox/sandbox.js';
import { NPM_CACHE_DIR, PROJECT_DIR } from '../src/sandbox/sandbox-layout.js';
import { ensureSandboxImage } from '../src/sandbox/sandbox-image.js';
import { DAYS_AHEAD, TODAY, type PhaseClock } from '../src/sandbox/time-acceleration.js';

const DEFAULT_SPECS = ['express@4.21.2', 'axios@1.7.9', 'ws@8.18.0', 'pg@8.23.1', 'moment@2.31.0', 'got@14.6.6', 'nodemon@3.1.9', 'esbuild@0.24.2', 'bcrypt@6.0.0', 'sharp@0.33.5'];

const config = buildConfig(process.env);
const engine = new DockerEngine();
await engine.ping();
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
const image = await ensureSandboxImage(engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: () => undefined });
const fakenetImage = await ensureFakenetImage(engine, { imagesDir: config.imagesDir, sandboxImage: image, onProgress: () => undefined });
const sandbox = new DockerSandbox(engine, (message) => progress(`warning: ${message}`));

interface Side {
  readonly install: PhaseRun;
  readonly imports: PhaseRun[];
}

async function side(resolved: ResolvedPackage, clocks: { install?: PhaseClock; imports: (PhaseClock | undefined)[] }): Promise<Side> {
  const runId = `bench-time-${process.pid}-${Date.now()}`;
  const started = await sandbox.start(sandboxOptions(config, { image, runId, fakenetImage }));
  try {
    await writeAppEntry(resolved.projectDir, createCallSecrets(cryptoRandom));
    await started.copyIn([{ hostDir: resolved.projectDir, containerDir: PROJECT_DIR }, { hostDir: resolved.cacheDir, containerDir: NPM_CACHE_DIR }]);
    const install = await started.runPhase(packagePhase('install', resolved.name, config.timeoutSeconds, clocks.install));
    const imports: PhaseRun[] = [];
    for (const clock of clocks.imports) imports.push(await started.runPhase(packagePhase('import', resolved.name, config.timeoutSeconds, clock)));
    return { install, imports };
  } finally {
    await started[Symbol.asyncDispose]();
  }
}

/** What the consumer said it loaded and how its steps ended (its one JSON line). */
function loaded(run: PhaseRun): string {
  const line = run.stdout.split('\n').find((text) => text.startsWith('{'));
  if (!line) return `no report (${run.status})`;
  const { loaded: loadings, threw, timeout } = JSON.parse(line) as { loaded: string[]; threw: number; timeout: number };
  return `${loadings.join(', ') || 'nothing'} (${threw} threw, ${timeout} timed out)`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const specs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT_SPECS;
const lines: string[] = [];
const ratios: number[] = [];
for (const spec of specs) {
  const resolved = await resolvePackage(parseSpec(spec, process.cwd()), resolveOptions(config));
  try {
    const real = await side(resolved, { imports: [undefined] });
    const fast = await side(resolved, { install: TODAY, imports: [TODAY, ...DAYS_AHEAD.map((daysAhead) => ({ daysAhead }))] });
    const [realImport] = real.imports as [PhaseRun];
    const [fastImport, ...dated] = fast.imports as [PhaseRun, ...PhaseRun[]];
    const datedMs = dated.reduce((sum, run) => sum + run.durationMs, 0);
    const realMs = real.install.durationMs + realImport.durationMs;
    const fastMs = fast.install.durationMs + fastImport.durationMs + datedMs;
    ratios.push(fastMs / realMs);
    const differences = [
      ...(real.install.status !== fast.install.status ? [`install ${real.install.status} -> ${fast.install.status}`] : []),
      ...(realImport.status !== fastImport.status ? [`import ${realImport.status} -> ${fastImport.status}`] : []),
      ...(loaded(realImport) !== loaded(fastImport) ? [`loaded ${loaded(realImport)} -> ${loaded(fastImport)}`] : []),
      ...dated.filter((run) => loaded(run) !== loaded(realImport)).map((run) => `+${run.clock?.daysAhead} d loaded ${loaded(run)}`),
    ];
    lines.push(
      `${spec}: install ${seconds(real.install.durationMs)} -> ${seconds(fast.install.durationMs)} (${(fast.install.durationMs / real.install.durationMs).toFixed(2)}); ` +
        `import ${seconds(realImport.durationMs)} -> ${seconds(fastImport.durationMs)} with window (${(fastImport.durationMs / realImport.durationMs).toFixed(2)}); ` +
        `dated +${DAYS_AHEAD.join('/+')} d ${seconds(datedMs)} (${(datedMs / realImport.durationMs).toFixed(2)} of the real import); ` +
        `whole ${(fastMs / realMs).toFixed(2)}; ${differences.length > 0 ? `CHANGED: ${differences.join(' | ')}` : 'same outcome'}`,
    );
    progress(lines.at(-1)!);
  } finally {
    await removeResolved(resolved);
  }
}
ratios.sort((a, b) => a - b);
lines.push(`whole fast/real over ${ratios.length} packages: median ${ratios[Math.floor(ratios.length / 2)]!.toFixed(2)}, worst ${ratios.at(-1)!.toFixed(2)}`);
process.stdout.write(`${lines.join('\n')}\n`);
