/**
 * The benchmarks' baseline: commands run in a plain container from the
 * sandbox image (never package code on the host), with no tracing, no fake
 * internet and no limits beyond the machine's, after the project and a
 * filled npm cache were copied in. Only the commands themselves are timed.
 */
import os from 'node:os';
import type { Readable } from 'node:stream';
import tarFs from 'tar-fs';
import type { DockerEngine } from '../../src/sandbox/docker-engine.js';
import { runLabels } from '../../src/sandbox/labels.js';

export interface BareRun {
  readonly ms: number;
  readonly stdout: string;
}

/** Copies each host folder to /home/runner/<name>, then times `script` (sh -c) as the runner. */
export async function bareRun(engine: DockerEngine, image: string, folders: Record<string, string>, script: string): Promise<BareRun> {
  const id = await engine.createAndStart(`dynaudit-bench-${process.pid}-${Date.now()}`, {
    image, command: ['sleep', 'infinity'], hostname: 'bench', labels: runLabels(`bench-${process.pid}`, 'bench'),
    env: ['HOME=/home/runner', 'npm_config_cache=/home/runner/.npm', 'npm_config_update_notifier=false'], user: 'runner',
    workingDir: '/home/runner', networkMode: 'none', dns: [], capAdd: [], securityOpt: ['no-new-privileges'], readonlyRootfs: false,
    tmpfs: {}, volumes: [], memoryBytes: 4 * 1024 ** 3, pidsLimit: 4096, nanoCpus: Math.min(2, os.availableParallelism()) * 1e9,
  });
  try {
    for (const [name, dir] of Object.entries(folders)) {
      const pack = tarFs.pack(dir, { map: (h) => ({ ...h, name: h.name === '.' ? name : `${name}/${h.name}`, uid: 1001, gid: 1001 }) });
      await engine.putArchive(id, pack as unknown as Readable, '/home/runner');
    }
    const start = Date.now();
    const run = await engine.exec(id, { command: ['sh', '-c', script], user: 'runner', outputCapBytes: 65536, deadlineMs: 1_800_000 });
    const ms = Date.now() - start;
    if (run.exitCode !== 0) throw new Error(`the baseline failed (${run.exitCode}): ${run.stderr.slice(-500)}`);
    return { ms, stdout: run.stdout.trim() };
  } finally {
    await engine.removeContainer(id);
  }
}
