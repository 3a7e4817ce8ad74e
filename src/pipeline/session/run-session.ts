/**
 * A resolved package in a started sandbox: the project and the offline npm
 * cache copied in, then the install phase (`npm ci --offline`, every
 * lifecycle script runs, on the real clock), the import phase (the package
 * loaded by an app, with require() and import(), on a fast clock) and the
 * execute phase (what it exposes called, its bins run, on the fast clock),
 * as the configuration chooses, then the import again days ahead
 * (sessionPhases), then what the fake internet caught. The sandbox is started apart,
 * so it can come up while the package is still resolving.
 */
import type { PhaseName } from '../../events/types.js';
import type { CallSecrets } from '../../honeytokens/index.js';
import type { ResolvedPackage } from '../../resolve/index.js';
import type { FileHit } from '../../sandbox/file-scan.js';
import type { NetworkCapture, PhaseRun, PhaseSpec, StartedSandbox } from '../../sandbox/sandbox.js';
import { PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import { DAYS_AHEAD, TODAY, type PhaseClock } from '../../sandbox/time-acceleration.js';
import { CALLER_DATA_DIR, consumerCommand, writeAppEntry } from '../calls/consumer-command.js';
import type { Progress } from '../progress.js';
import { loadSandbox, type SandboxLoad } from './load-sandbox.js';

/**
 * How a phase of one package runs in its sandbox (the session's, a batch's
 * execute phase): its command, and the folder it runs in (the execute
 * phase's is the caller's, CALLER_DATA_DIR), on `clock` when given.
 */
export function packagePhase(phase: PhaseName, packageName: string, timeoutSeconds: number, clock?: PhaseClock): PhaseSpec {
  const command = phase === 'install' ? ['npm', 'ci', '--offline', '--no-audit', '--no-fund'] : consumerCommand(phase, packageName, timeoutSeconds);
  return { name: phase, command, workingDir: phase === 'execute' ? CALLER_DATA_DIR : PROJECT_DIR, ...(clock ? { clock } : {}) };
}

/**
 * The session's phase runs in order, of the phases chosen: install (real
 * clock: node-gyp's Python loops on the fast one, seen on fs-ext and
 * unix-dgram in the corpus), import and execute on the fast clock, then the
 * import again with the clock days ahead (short windows: payloads dated
 * after their publication act at once on a later date).
 */
export function sessionPhases(phases: readonly PhaseName[]): { name: PhaseName; clock?: PhaseClock }[] {
  const dated = phases.includes('import') ? DAYS_AHEAD.map((daysAhead) => ({ name: 'import' as const, clock: { daysAhead } })) : [];
  return [...phases.map((name) => (name === 'install' ? { name } : { name, clock: TODAY })), ...dated];
}

/** The phases' runs, what the fake internet caught during them (null without one), and the files found holding a planted secret. */
export interface SandboxSession {
  readonly runs: PhaseRun[];
  readonly network: NetworkCapture | null;
  readonly staged: FileHit[];
}

/**
 * `homeDir` and `env`: the run's bait, its home files (copied in with the
 * project and the offline cache, in one archive) and its variables;
 * `needles`: what a file holding a planted secret contains
 * (stagingNeedles), searched for after the phases; `callSecrets`: what the execute phase hands
 * to calls. `onRun` gets each finished run, in order, as soon as the next
 * phase's command runs in the container (the last one after it ends), so the
 * host's work on a trace overlaps the next phase.
 */
export async function runPackagePhases(
  started: StartedSandbox,
  resolved: ResolvedPackage,
  setup: Pick<SandboxLoad, 'homeDir' | 'env'> & {
    readonly timeoutSeconds: number;
    readonly needles: readonly string[];
    readonly phases: readonly PhaseName[];
    readonly callSecrets: CallSecrets;
  },
  progress: Progress,
  onRun: (run: PhaseRun) => void = () => {},
): Promise<SandboxSession> {
  const { timeoutSeconds } = setup;
  await writeAppEntry(resolved.projectDir, setup.callSecrets);
  await loadSandbox(started, { homeDir: setup.homeDir, env: setup.env, projectDir: resolved.projectDir, cacheDir: resolved.cacheDir });
  const runs: PhaseRun[] = [];
  let handedOver = 0;
  const handOver = (): void => {
    while (handedOver < runs.length) onRun(runs[handedOver++]!);
  };
  // The sidecar's capture and the sandbox's file scan are two containers' work: both at once, as soon as the last
  // phase's processes are gone (while its trace is read back), or after a phase the sandbox did not survive.
  let closing: Promise<[NetworkCapture | null, FileHit[]]> | undefined;
  const close = (): Promise<[NetworkCapture | null, FileHit[]]> => (closing ??= Promise.all([started.collectNetwork(), started.findFiles(setup.needles)]));
  const phases = sessionPhases(setup.phases);
  for (const [index, { name, clock }] of phases.entries()) {
    const spec = packagePhase(name, resolved.name, timeoutSeconds, clock);
    const dated = clock && clock.daysAhead > 0 ? ` with the clock ${clock.daysAhead} days ahead` : '';
    progress(`${name} phase${dated}: ${spec.command.slice(0, 2).join(' ')} … (timeout ${timeoutSeconds} s)`);
    const last = index === phases.length - 1;
    const run = await started.runPhase({ ...spec, onStarted: handOver, ...(last ? { onEnded: () => void close().catch(() => {}) } : {}) });
    progress(`${name} phase${dated} ${run.status} in ${(run.durationMs / 1000).toFixed(1)} s`);
    runs.push(run);
    // The package brought the container down: nothing more can run in it.
    if (run.resources?.sandboxStopped) break;
  }
  handOver();
  const [network, staged] = await close();
  return { runs, network, staged };
}
