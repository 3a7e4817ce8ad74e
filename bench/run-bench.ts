/**
 * `npm run bench`: on bench/app/package-lock.json (a real lockfile of 500+
 * packages, made with `npm install --package-lock-only`), measures in one run
 *   (a) bare: `npm ci --offline` + require/import of every package, no
 *       tracing, in a plain container from the sandbox image (never package
 *       code on the host), the npm cache filled beforehand;
 *   (b) `dynaudit lockfile` cold (empty result store; its downloads included);
 *   (c) `dynaudit lockfile` warm (everything in the store);
 * and prints b/a and c/a (targets: under 3 and under 0.1).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import tarFs from 'tar-fs';
import { buildConfig } from '../src/common/config.js';
import { fetchPackages } from '../src/lockfile/fetch-packages.js';
import { readLockfileFile } from '../src/lockfile/read-lockfile.js';
import { createPacoteClient } from '../src/resolve/registry-client.js';
import { DockerEngine } from '../src/sandbox/docker-engine.js';
import { runLabels } from '../src/sandbox/labels.js';
import { ensureSandboxImage } from '../src/sandbox/sandbox-image.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(root, 'bench', 'app');
const lockfile = path.join(appDir, 'package-lock.json');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(what: string, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = Date.now();
  const value = await fn();
  const ms = Date.now() - start;
  process.stderr.write(`bench: ${what}: ${seconds(ms)}\n`);
  return { ms, value };
}

async function bare(engine: DockerEngine, image: string, cacheDir: string): Promise<{ ms: number; output: string }> {
  const id = await engine.createAndStart(`dynaudit-bench-${process.pid}`, {
    image, command: ['sleep', 'infinity'], hostname: 'bench', labels: runLabels(`bench-${process.pid}`, 'bench'),
    env: ['HOME=/home/runner', 'npm_config_cache=/home/runner/.npm', 'npm_config_update_notifier=false'], user: 'runner',
    workingDir: '/home/runner', networkMode: 'none', dns: [], capAdd: [], securityOpt: ['no-new-privileges'], readonlyRootfs: false,
    tmpfs: {}, volumes: [], memoryBytes: 4 * 1024 ** 3, pidsLimit: 4096, nanoCpus: Math.min(2, os.availableParallelism()) * 1e9,
  });
  try {
    const put = async (dir: string, name: string): Promise<void> => {
      const pack = tarFs.pack(dir, { map: (h) => ({ ...h, name: h.name === '.' ? name : `${name}/${h.name}`, uid: 1001, gid: 1001 }) });
      await engine.putArchive(id, pack as unknown as Readable, '/home/runner');
    };
    await put(appDir, 'app');
    await put(cacheDir, '.npm');
    await put(path.join(root, 'bench'), 'bench');
    const start = Date.now();
    const run = await engine.exec(id, {
      command: ['sh', '-c', 'cd app && npm ci --offline --no-audit --no-fund >/dev/null && node /home/runner/bench/bare-load.mjs /home/runner/app'],
      user: 'runner', outputCapBytes: 65536, deadlineMs: 1_800_000,
    });
    const ms = Date.now() - start;
    if (run.exitCode !== 0) throw new Error(`bare install failed (${run.exitCode}): ${run.stderr.slice(-500)}`);
    return { ms, output: run.stdout.trim() };
  } finally {
    await engine.removeContainer(id);
  }
}

function dynaudit(store: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'cli', 'main.js'), 'lockfile', lockfile, '--format', 'json', '--store', store], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

const config = buildConfig(process.env);
const engine = new DockerEngine();
await engine.ping();
const image = await ensureSandboxImage(engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: () => undefined });
const graph = await readLockfileFile(lockfile);
process.stderr.write(`bench: ${lockfile}: ${graph.format}, ${graph.packages.length} packages\n`);
const work = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-bench-'));
try {
  const cacheDir = path.join(work, 'npm-cache');
  const client = createPacoteClient({ cacheDir, ...(config.registry ? { registry: config.registry } : {}) });
  const fetch = await timed('fetching the tarballs for the baseline (not part of a)', () => fetchPackages(graph.packages, { client, concurrency: 8 }));
  if (fetch.value.failures.size > 0) throw new Error(`could not fetch ${[...fetch.value.failures.keys()].join(', ')}`);
  const a = await timed('(a) bare npm ci --offline + require/import of every package (container, no tracing)', () => bare(engine, image, cacheDir));
  process.stderr.write(`bench: bare loader: ${a.value.output}\n`);
  const store = path.join(work, 'results.sqlite');
  const b = await timed('(b) dynaudit lockfile, cold', () => dynaudit(store));
  const c = await timed('(c) dynaudit lockfile, warm', () => dynaudit(store));
  const summary = (run: { stdout: string }) => (JSON.parse(run.stdout) as { summary: Record<string, unknown> }).summary;
  process.stderr.write(`bench: cold summary ${JSON.stringify(summary(b.value))}\nbench: warm summary ${JSON.stringify(summary(c.value))}\n`);
  const line = `packages ${graph.packages.length}; a ${seconds(a.ms)}; b ${seconds(b.ms)}; c ${seconds(c.ms)}; ` +
    `b/a ${(b.ms / a.ms).toFixed(2)} (target < 3); c/a ${(c.ms / a.ms).toFixed(3)} (target < 0.1); ` +
    `downloads alone took ${seconds(fetch.ms)} (in b, not in a)`;
  process.stdout.write(`${line}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
