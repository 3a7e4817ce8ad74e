/**
 * One package, resolved on the host, analyzed in a sandbox of its own: the
 * run's bait planted, the phases run, their traces turned into events, and
 * what the fake internet caught merged in. `analyze` and lockfile isolated
 * mode both analyze this way.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../common/config.js';
import type { TraceEvent } from '../../events/types.js';
import { stagingNeedles } from '../../honeytokens/index.js';
import type { FakenetReport, ReportPhase } from '../../report/report-model.js';
import { removeResolved, type ResolvedPackage } from '../../resolve/index.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { runnerHostname } from '../../sandbox/sandbox-environment.js';
import { packageFallback } from '../network/analyze-network.js';
import { fakenetOutcome, type FakenetPlan } from '../network/fakenet-stage.js';
import { artifactFolderName } from '../network/save-artifacts.js';
import type { Progress } from '../progress.js';
import { phaseEvents, type PhaseEvents } from './phase-events.js';
import { reportPhase } from './phase-report.js';
import { plantHoneytokens, type PlantedHoneytokens } from './plant-honeytokens.js';
import { runPackagePhases, type SandboxSession } from './run-session.js';
import { sandboxOptions } from './sandbox-options.js';

export interface SandboxContext {
  readonly sandbox: Sandbox;
  readonly config: Config;
  readonly image: string;
  readonly fakenet: FakenetPlan;
  readonly progress: Progress;
  /** Label of the run's containers (a lockfile run's id); a fresh one when absent. */
  readonly runId?: string;
}

/** What one sandboxed analysis of a package saw. */
export interface PackageRun {
  readonly phases: ReportPhase[];
  readonly events: TraceEvent[];
  readonly fakenet: FakenetReport;
  readonly startedAt: string;
  readonly durationMs: number;
}

/**
 * Resolves the package (on the host) while its sandbox starts, analyzes it,
 * and removes the sandbox and the resolution folder whatever happens; the
 * sandbox is removed while the trace and the capture are analyzed.
 */
export async function analyzeInSandbox(resolve: () => Promise<ResolvedPackage>, context: SandboxContext): Promise<PackageRun & { readonly resolved: ResolvedPackage }> {
  const { config, progress } = context;
  const startedAt = new Date();
  const runId = context.runId ?? randomBytes(4).toString('hex');
  // The sandbox starts first (its container's start is the longest step before the phases); the package resolves and
  // the bait (an RSA key among it, 0.1-0.4 s) is made meanwhile, and both go in once the sandbox is up.
  const hostname = runnerHostname();
  const starting = context.sandbox.start(sandboxOptions(config, { image: context.image, runId, hostname, ...(context.fakenet.image ? { fakenetImage: context.fakenet.image } : {}) }));
  starting.catch(() => {});
  const dropSandbox = (): Promise<void> => starting.then((started) => started[Symbol.asyncDispose](), () => undefined);
  const resolving = resolve();
  resolving.catch(() => {});
  await using bait = await plantHoneytokens({ workDir: config.workDir, hostname, ...(config.registry ? { registry: config.registry } : {}) }).catch(async (error: unknown) => {
    await Promise.all([resolving.then(removeResolved, () => undefined), dropSandbox()]);
    throw error;
  });
  let resolved: ResolvedPackage;
  try {
    resolved = await resolving;
  } catch (error) {
    await dropSandbox();
    throw error;
  }
  let session: SandboxSession;
  let removal: Promise<void>;
  // Each phase's trace is read into events while the next phase runs.
  const seen: PhaseEvents[] = [];
  try {
    const started = await starting;
    try {
      const needles = stagingNeedles(bait.honeytokens.tokens).map((needle) => needle.text);
      const { honeytokens, homeDir } = bait;
      const setup = { homeDir, env: honeytokens.env, timeoutSeconds: config.timeoutSeconds, needles, phases: config.phases, callSecrets: honeytokens.callSecrets };
      session = await runPackagePhases(started, resolved, setup, progress, (run) => seen.push(phaseEvents(run, resolved.name)));
    } catch (error) {
      await started[Symbol.asyncDispose]();
      throw error;
    }
    removal = Promise.resolve(started[Symbol.asyncDispose]());
  } finally {
    await removeResolved(resolved);
  }
  try {
    return { resolved, ...(await judgeable(session, seen, resolved, bait, runId, context)), startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime() };
  } finally {
    await removal;
  }
}

/** The session's traces and capture as the events and fake-internet section of the report. */
async function judgeable(
  session: SandboxSession,
  seen: readonly PhaseEvents[],
  resolved: ResolvedPackage,
  bait: PlantedHoneytokens,
  runId: string,
  context: SandboxContext,
): Promise<Pick<PackageRun, 'phases' | 'events' | 'fakenet'>> {
  const { config, progress } = context;
  const { runs } = session;
  const network = await fakenetOutcome(
    {
      plan: context.fakenet,
      events: seen.flatMap((phase) => phase.events),
      runs,
      capture: session.network,
      staged: session.staged,
      honeytokens: bait.honeytokens,
      fallbackAttribution: packageFallback(resolved.name),
      ...(config.artifactsDir ? { artifacts: { dir: config.artifactsDir, folder: artifactFolderName(resolved.name, resolved.version, runId) } } : {}),
    },
    progress,
  );
  const truncated = runs.filter((run) => run.traceTruncated).map((run) => run.name);
  if (truncated.length > 0) progress(`warning: trace of ${truncated.join(', ')} exceeded the size cap and was cut`);
  return { phases: runs.map((run, index) => reportPhase(run, seen[index]?.calls)), events: network.events, fakenet: network.report };
}
