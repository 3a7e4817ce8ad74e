/**
 * `npm run bench:queue`: the queue's cost on bench/app/package-lock.json,
 * each run against a fresh Redis (no kept results) and a fresh store:
 *   (l) `dynaudit lockfile` on this machine, no queue;
 *   (1) the same through the queue, one worker;
 *   (2) the same through the queue, two workers (on this 2-core machine the
 *       two share the same CPUs and Docker engine, so this shows overhead,
 *       not speed-up);
 * and per job, the queue's overhead (see overheads()). Prints packages per
 * hour per worker and the memory Redis holds after a run.
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
const jobSize = process.env.DYNAUDIT_QUEUE_JOB_SIZE ?? '250';
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Run {
  readonly ms: number;
  readonly stderr: string;
  /** Each stderr line with the time it arrived. */
  readonly lines: readonly { readonly at: number; readonly text: string }[];
  readonly packages: number;
}

function dynaudit(args: readonly string[], env: NodeJS.ProcessEnv): { done: Promise<Run>; stop: () => void; stderr: () => string } {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const lines: { at: number; text: string }[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push({ at: Date.now(), text });
  });
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (args[0] !== 'worker' && code !== 0) return reject(new Error(`dynaudit ${args[0]} exited ${code}: ${stderr.slice(-2000)}`));
      const summary = stdout ? (JSON.parse(stdout) as { summary: { packages: number } }).summary : { packages: 0 };
      resolve({ ms: Date.now() - startedAt, stderr, lines, packages: summary.packages });
    });
  });
  return { done, stop: () => child.kill('SIGTERM'), stderr: () => stderr };
}

async function waitFor(pattern: RegExp, stderr: () => string): Promise<void> {
  while (!pattern.test(stderr())) await new Promise((resolve) => setTimeout(resolve, 200));
}

/**
 * Per job, what the queue adds to the worker's own time on it: from the
 * worker taking it to the caller holding its results, less the worker's
 * time (moving the results through Redis, the completion event, reading
 * them back). Time a job waited for a busy worker is not overhead.
 */
function overheads(caller: Run, workers: readonly Run[]): number[] {
  const taken = new Map<string, number>();
  const worked = new Map<string, number>();
  for (const { lines } of workers) {
    for (const { at, text } of lines) {
      const take = /job batch-([0-9a-f]{8})[0-9a-f]*: taken/.exec(text);
      if (take) taken.set(take[1]!, at);
      const done = /job batch-([0-9a-f]{8})[0-9a-f]*: done in ([\d.]+) s/.exec(text);
      if (done) worked.set(done[1]!, Number(done[2]) * 1000);
    }
  }
  const out: number[] = [];
  for (const { at, text } of caller.lines) {
    const back = /job ([0-9a-f]{8}) \(\d+ package\(s\)\): \d+ result\(s\) back/.exec(text);
    if (back && taken.has(back[1]!) && worked.has(back[1]!)) out.push(at - taken.get(back[1]!)! - worked.get(back[1]!)!);
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
    return { ...run, overheads: overheads(run, logs), redisBytes: redisMemory(redis.port) - empty };
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
