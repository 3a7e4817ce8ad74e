/**
 * The fake internet around one analysis: whether it runs (and its image),
 * and afterwards what it caught, merged into the events, with the pcap kept
 * when asked (`--artifacts`). Off with `--no-fakenet` / DYNAUDIT_FAKENET=0,
 * and with gVisor, whose own network stack iptables in a sidecar cannot
 * steer; the sandbox then has no network at all, as before.
 */
import type { Config } from '../common/config.js';
import type { TraceEvent } from '../events/types.js';
import type { Honeytokens } from '../honeytokens/index.js';
import type { FakenetReport } from '../report/index.js';
import type { ContainerEngine } from '../sandbox/container-engine.js';
import { ensureFakenetImage } from '../sandbox/fakenet-image.js';
import type { FileHit } from '../sandbox/file-scan.js';
import type { NetworkCapture, PhaseRun } from '../sandbox/sandbox.js';
import { analyzeNetwork } from './analyze-network.js';
import type { Progress } from './progress.js';
import { artifactFolderName, saveArtifacts } from './save-artifacts.js';

export interface FakenetPlan {
  /** The sidecar image, when the fake internet runs. */
  readonly image?: string;
  readonly reason?: string;
}

export async function planFakenet(engine: ContainerEngine, config: Config, sandboxImage: string, progress: Progress): Promise<FakenetPlan> {
  if (!config.fakenet) return { reason: 'turned off (--no-fakenet or DYNAUDIT_FAKENET=0)' };
  if (config.runtime === 'runsc') return { reason: 'not available with --runtime runsc (gVisor has its own network stack)' };
  return { image: await ensureFakenetImage(engine, { imagesDir: config.imagesDir, sandboxImage, onProgress: progress }) };
}

export interface FakenetOutcomeInput {
  readonly plan: FakenetPlan;
  readonly events: readonly TraceEvent[];
  readonly runs: readonly PhaseRun[];
  readonly capture: NetworkCapture | null;
  readonly staged?: readonly FileHit[];
  readonly honeytokens: Honeytokens;
  readonly packageName: string;
  readonly version: string;
  readonly runId: string;
  readonly artifactsDir?: string;
}

export async function fakenetOutcome(input: FakenetOutcomeInput, progress: Progress): Promise<{ events: TraceEvent[]; report: FakenetReport }> {
  const network = await analyzeNetwork(input);
  if (!input.plan.image || !input.capture) {
    return { events: network.events, report: { enabled: false, ...(input.plan.reason ? { reason: input.plan.reason } : {}) } };
  }
  for (const problem of [...(network.fakenet?.problems ?? []), ...(network.fakenet?.crossCheck?.problems ?? [])]) {
    progress(`warning: fake internet: ${problem}`);
  }
  const artifacts = input.artifactsDir
    ? await saveArtifacts(input.artifactsDir, artifactFolderName(input.packageName, input.version, input.runId), input.capture)
    : undefined;
  if (artifacts) progress(`kept the pcap at ${artifacts.pcap}`);
  return { events: network.events, report: { enabled: true, ...network.fakenet, ...(artifacts ? { artifacts } : {}) } };
}
