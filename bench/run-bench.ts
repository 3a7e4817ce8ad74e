/**
 * `npm run bench` (after `make setup`): dynaudit against bare installs, side
 * by side in one run, as ratios (never absolute times: the machines are
 * shared and noisy). `npm run bench -- analyze`, `-- lockfile` or `-- execute`
 * runs one.
 */
import { buildConfig } from '../src/common/config.js';
import { DockerEngine } from '../src/sandbox/docker-engine.js';
import { ensureSandboxImage } from '../src/sandbox/sandbox-image.js';
import { analyzeBench } from './analyze-bench.js';
import { EXECUTE_BENCH_PACKAGES, executeBench } from './execute-bench.js';
import { lockfileBench } from './lockfile-bench.js';

const which = process.argv[2] ?? 'all';
const config = buildConfig(process.env);
const engine = new DockerEngine();
await engine.ping();
const image = await ensureSandboxImage(engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: () => undefined });
const lines: string[] = [];
if (which === 'all' || which === 'analyze') lines.push(await analyzeBench(engine, image, 'express@4.21.2'));
if (which === 'all' || which === 'lockfile') lines.push(await lockfileBench(engine, image));
if (which === 'all' || which === 'execute') for (const spec of EXECUTE_BENCH_PACKAGES) lines.push(await executeBench(spec));
process.stdout.write(`${lines.join('\n')}\n`);
