/**
 * `npm run bench:queue`: the queue's cost on bench/app/package-lock.json,
 * each run against a fresh Redis (no kept results) and a fresh store:
 *   (l) `dynaudit lockfile` on this machine, no queue;
 *   (1) the same through the queue, one worker;
 *   (2) the same through the queue, two workers (on this 2-core machine the
 *       two share the same CPUs and Docker engine, so this shows overhead,
 *       not speed-up);
 * and per job, the queue's overhead: the time the caller waited for a job
 * minus the time its worker spent on it (waiting for a free worker, moving
 * the job and its results through Redis). Prints packages per hour per worker.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../test/helpers/redis-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = path.join(root, 'bench', 'app', 'package-lock.json');
const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
const jobSize = process.env.DYNAUDIT_QUEUE_JOB_SIZE ?? '100';
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Run {
  readonly ms: number;
  readonly stderr: string;
  readonly packages: number;
}

function dynaudit(args: readonly string[], env: NodeJS.ProcessEnv): { done: Promise<Run>; stop: () => void; stderr: () => string } {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (args[0] !== 'worker' && code !== 0) return reject(new Error(`dynaudit ${args[0]} exited ${code}: ${stderr.slice(-2000)}`));
      const summary = stdout ? (JSON.parse(stdout) as { summary: { packages: number } }).summary : { packages: 0 };
      resolve({ ms: Date.now() - startedAt, stderr, packages: summary.packages });
    });
  });
  return { done, stop: () => child.kill('SIGTERM'), stderr: () => stderr };
}

async function waitFor(pattern: RegExp, stderr: () => string): Promise<void> {
  while (!pattern.test(stderr())) await new Promise((resolve) => setTimeout(resolve, 200));
}

/** Per job: caller's wait minus the worker's time on it, matched by job id. */
function overheads(caller: string, workers: readonly string[]): number[] {
  const worked = new Map<string, number>();
  for (const log of workers) for (const [, id, s] of log.matchAll(/job batch-([0-9a-f]{8})[0-9a-f]*: done in ([\d.]+) s/g)) worked.set(id!, Number(s) * 1000);
  const out: number[] = [];
  for (const [, id, s] of caller.matchAll(/job ([0-9a-f]{8}) \(\d+ package\(s\)\): \d+ result\(s\) back after ([\d.]+) s/g)) {
    if (worked.has(id!)) out.push(Number(s) * 1000 - worked.get(id!)!);
  }
  return out;
}

/** Bytes Redis uses now (its results, jobs and events). */
function redisMemory(port: number): number {
  const info = execFileSync('redis-cli', ['-p', String(port), 'info', 'memory'], { encoding: 'utf8' });
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function queued(work: string, workers: number): Promise<Run & { overheads: number[]; redisBytes: number }> {
  const redis = await startRedis();
  try {
    const started = Array.from({ length: workers }, (_, i) => dynaudit(['worker', '--queue', redis.url], { DYNAUDIT_WORK_DIR: path.join(work, `w${workers}-${i}`) }));
    await Promise.all(started.map((worker) => waitFor(/taking jobs from/, worker.stderr)));
    const empty = redisMemory(redis.port);
    const store = path.join(work, `queue-${workers}.sqlite`);
    const run = await dynaudit(['lockfile', lockfile, '--format', 'json', '--store', store, '--queue', redis.url], { DYNAUDIT_QUEUE_JOB_SIZE: jobSize }).done;
    started.forEach((worker) => worker.stop());
    const logs = await Promise.all(started.map((worker) => worker.done));
    return { ...run, overheads: overheads(run.stderr, logs.map((log) => log.stderr)), redisBytes: redisMemory(redis.port) - empty };
  } finally {
    await redis.stop();
  }
}

const work = await mkdtemp(path.join(os.tmpdir(), 'dynaudit-queue-bench-'));
try {
  const local = await dynaudit(['lockfile', lockfile, '--format', 'json', '--store', path.join(work, 'local.sqlite')], {}).done;
  process.stderr.write(`bench: (l) no queue: ${seconds(local.ms)} for ${local.packages} packages\n`);
  const one = await queued(work, 1);
  process.stderr.write(`bench: (1) one worker: ${seconds(one.ms)}\n`);
  const two = await queued(work, 2);
  process.stderr.write(`bench: (2) two workers: ${seconds(two.ms)}\n`);
  const all = [...one.overheads, ...two.overheads];
  const mean = all.reduce((sum, ms) => sum + ms, 0) / Math.max(1, all.length);
  const perHour = (run: Run, workers: number): number => Math.round((run.packages / (run.ms / 3_600_000)) / workers);
  process.stdout.write(
    `packages ${local.packages}; jobs of up to ${jobSize}; no queue ${seconds(local.ms)}; one worker ${seconds(one.ms)}; two workers ${seconds(two.ms)} ` +
      `(2 shared cores: overhead, not speed-up); queue overhead per job ${seconds(mean)} mean over ${all.length} job(s) ` +
      `(${all.map((ms) => seconds(ms)).join(', ')}); packages per hour per worker: ${perHour(one, 1)} (one worker), ${perHour(two, 2)} (two); ` +
      `Redis memory after a run: ${(one.redisBytes / 1e6).toFixed(1)} MB (one worker), ${(two.redisBytes / 1e6).toFixed(1)} MB (two)\n`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
