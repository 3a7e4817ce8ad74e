/**
 * The one place sandbox options are built from the configuration: limits,
 * runtime, the home's size, and per run the image, the fake internet and
 * the run's hostname (the one its bait's SSH key names; the bait's
 * variables come with the phases: StartedSandbox.setRunEnvironment).
 */
import type { Config } from '../../common/config.js';
import type { SandboxOptions } from '../../sandbox/sandbox.js';

export interface RunSandbox {
  readonly image: string;
  /** Label of every container of the run. */
  readonly runId: string;
  /** The fakenet sidecar's image, when the fake internet runs. */
  readonly fakenetImage?: string;
  /** The sandbox's hostname, which the run's SSH key names (plantHoneytokens); a runner's name of its own when absent. */
  readonly hostname?: string;
  /** A home and memory limit of their own (a large batch's, see batch-size.ts); the configured ones when absent. */
  readonly size?: { readonly diskBytes: number; readonly memoryBytes: number };
}

export function sandboxOptions(config: Config, run: RunSandbox): SandboxOptions {
  return {
    image: run.image,
    runId: run.runId,
    timeoutSeconds: config.timeoutSeconds,
    memoryBytes: run.size?.memoryBytes ?? config.memoryBytes,
    pidsLimit: config.pidsLimit,
    nanoCpus: config.nanoCpus,
    diskBytes: run.size?.diskBytes ?? config.diskBytes,
    ...(config.runtime ? { runtime: config.runtime } : {}),
    ...(run.fakenetImage ? { fakenetImage: run.fakenetImage } : {}),
    ...(run.hostname ? { hostname: run.hostname } : {}),
  };
}
