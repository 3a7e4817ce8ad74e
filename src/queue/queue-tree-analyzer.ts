/**
 * `analyze --queue`: a registry package resolved here to its exact version
 * and integrity, analyzed with its tree by a worker; the caller stores and
 * judges the analysis. Folders and tarball files stay on this machine, so
 * they cannot be sent.
 */
import path from 'node:path';
import type { Config } from '../common/config.js';
import { DynauditError } from '../common/errors.js';
import type { AnalyzeDependencies } from '../pipeline/analyze/analyze-package.js';
import type { Progress } from '../pipeline/progress.js';
import { createPacoteClient } from '../resolve/registry-client.js';
import { resolveRegistryRoot } from '../resolve/resolve-registry-root.js';
import { JobFailedError, type JobQueue } from './job-queue.js';
import { jobId, settingsOf, type TreeJob } from './queue-jobs.js';
import { jobLogger } from './job-log.js';

export function queueTreeAnalyzer(queue: JobQueue, config: Config, progress: Progress, signal: AbortSignal): NonNullable<AnalyzeDependencies['analyzeTree']> {
  return async (spec, identity) => {
    if (spec.kind !== 'registry') throw new DynauditError('E_USAGE', `--queue sends registry packages to the workers; "${spec.raw}" is a ${spec.kind} on this machine`);
    const client = createPacoteClient({ cacheDir: path.join(config.workDir, 'manifest-cache'), ...(config.registry ? { registry: config.registry } : {}) });
    const root = await resolveRegistryRoot(spec, client);
    const job: TreeJob = { kind: 'tree', identity, settings: settingsOf(config), ...root };
    const label = `job ${jobId(job).slice(5, 13)} (${root.name}@${root.version})`;
    progress(`sending ${root.name}@${root.version} to the queue; ${await queue.workerCount()} worker(s) connected`);
    try {
      return await queue.run(job, signal, jobLogger(label, progress));
    } catch (error) {
      if (!(error instanceof JobFailedError)) throw error;
      throw new DynauditError(error.failure.code, `${error.failure.message} (on a worker)`);
    }
  };
}
