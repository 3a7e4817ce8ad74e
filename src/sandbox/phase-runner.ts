/**
 * Runs one traced phase in a started sandbox container and tells what the
 * sandbox's limits saw: status from the in-container timeout, the trace,
 * capped output, and the OOM kills, refused forks and full filesystems of
 * the phase. A container that stopped under the phase (the package brought
 * it down) is a result, a phase that failed; any other engine failure is ours.
 */
import { DynauditError } from '../common/errors.js';
import type { ContainerEngine, ExecOutcome } from './container-engine.js';
import { killRunnerCommand, phaseCommand, runnerCommand } from './phase-command.js';
import { parseReading, probeAndTraceCommand, probeCommand, readingDelta, type ResourceReading } from './resource-probe.js';
import { TRACE_CAP_BYTES, type PhaseResources, type PhaseRun, type PhaseSpec, type SandboxOptions } from './sandbox.js';
import { HOME_DIR, RUNNER_USER, STATE_DIR } from './sandbox-layout.js';
import { ciVariableNames, looksLikeDeveloper } from './developer-machine.js';
import { containerEnvironment } from './sandbox-environment.js';
import { straceCommand } from './strace-command.js';
import { phaseTimeEnvironment } from './time-acceleration.js';

const OUTPUT_CAP_BYTES = 64 * 1024;
/** Extra time the host waits for an exec beyond the in-container timeout. */
const HOST_GRACE_MS = 20_000;
/** Time a trace at its cap takes to cross from the container (256 MiB: seconds). */
const READ_BACK_DEADLINE_MS = 120_000;
/** Pids lent to the container for a clean-up exec when a fork bomb holds them all. */
const CLEANUP_PIDS = 64;

export class PhaseRunner {
  private lastReading: ResourceReading | null = null;
  private firstReading: Promise<void> | undefined;

  constructor(
    private readonly engine: ContainerEngine,
    private readonly containerId: string,
    private readonly options: SandboxOptions,
    private readonly onWarning: (message: string) => void,
    /** The run's own variables (StartedSandbox.setRunEnvironment), given to every phase's exec. */
    private readonly runEnvironment: readonly string[] = [],
  ) {}

  /** Takes the counters before the first phase, once (the sandbox does it while its sidecar comes up). */
  prime(): Promise<void> {
    this.firstReading ??= this.read().then((reading) => {
      this.lastReading = reading;
    });
    return this.firstReading;
  }

  async run(spec: PhaseSpec): Promise<PhaseRun> {
    const traceFile = `${STATE_DIR}/${spec.name}.strace`;
    const timeoutSeconds = spec.timeoutSeconds ?? this.options.timeoutSeconds;
    await this.prime();
    const startedAt = Date.now();
    let outcome: ExecOutcome | null = null;
    let failure: unknown;
    try {
      outcome = await this.engine.exec(this.containerId, {
        command: phaseCommand(
          timeoutSeconds,
          spec.traced === false
            ? runnerCommand(spec.command)
            : straceCommand(traceFile, RUNNER_USER, spec.command, {
                ...(this.options.runtime ? { runtime: this.options.runtime } : {}),
                env: spec.clock ? [...phaseTimeEnvironment(spec.clock), ...(looksLikeDeveloper(spec.clock) ? this.ciVariables() : [])] : [],
              }),
        ),
        user: 'root',
        env: this.runEnvironment,
        workingDir: spec.workingDir,
        outputCapBytes: OUTPUT_CAP_BYTES,
        deadlineMs: timeoutSeconds * 1000 + HOST_GRACE_MS,
        ...(spec.onStarted ? { onStarted: spec.onStarted } : {}),
      });
    } catch (error) {
      failure = error;
    }
    const durationMs = Date.now() - startedAt;
    const base = { name: spec.name, ...(spec.clock ? { clock: spec.clock } : {}), durationMs, startedAtMs: startedAt, stdout: outcome?.stdout ?? '', stderr: outcome?.stderr ?? '' };
    const state = await this.engine.containerState(this.containerId).catch(() => null);
    if (state !== null && !state.running) {
      return { ...base, status: 'failed', exitCode: outcome?.exitCode ?? null, trace: '', traceTruncated: false, resources: this.resources(outcome, null, true) };
    }
    if (outcome === null) {
      throw new DynauditError('E_SANDBOX', `running the ${spec.name} phase failed: ${(failure as Error).message}`, { cause: failure });
    }
    // The phase command ends with its own kill sweep; an exec abandoned at the host's deadline never got to it.
    if (outcome.exitCode === null) await this.killRunnerProcesses();
    spec.onEnded?.();
    const { reading, trace, truncated } = spec.traced === false ? { reading: await this.read(), trace: '', truncated: false } : await this.readBack(spec.name, traceFile);
    const timedOut = outcome.exitCode === null || (outcome.exitCode === 137 && durationMs >= timeoutSeconds * 1000 - 250);
    const resources = this.resources(outcome, reading, false);
    if (reading) this.lastReading = reading;
    return {
      ...base,
      status: timedOut ? 'timeout' : outcome.exitCode === 0 ? 'completed' : 'failed',
      exitCode: outcome.exitCode,
      trace,
      traceTruncated: truncated,
      resources,
    };
  }

  private resources(outcome: ExecOutcome | null, reading: ResourceReading | null, sandboxStopped: boolean): PhaseResources {
    const delta = reading ? readingDelta(this.lastReading, reading) : { oomKills: 0, pidsRefused: 0, fullFilesystems: [] };
    return {
      memoryLimitBytes: this.options.memoryBytes,
      pidsLimit: this.options.pidsLimit,
      oomKills: delta.oomKills,
      pidsRefused: delta.pidsRefused,
      fullFilesystems: delta.fullFilesystems.map(({ path, sizeBytes }) => ({ path, sizeBytes })),
      outputBytes: outcome?.outputBytes ?? (outcome ? outcome.stdout.length + outcome.stderr.length : 0),
      sandboxStopped,
    };
  }

  /** The CI job's variables of this sandbox, by name: a loading that looks like a developer's machine goes without them. */
  private ciVariables(): string[] {
    return ciVariableNames([...containerEnvironment(), ...this.runEnvironment]);
  }

  /**
   * The limits' counters now and the phase's trace, capped, in one exec
   * rather than one for each: the engine runs an exec and a copy out of the
   * container one after the other (~0.15 s each).
   */
  private async readBack(phase: string, traceFile: string): Promise<{ reading: ResourceReading | null; trace: string; truncated: boolean }> {
    try {
      const outcome = await this.engine.exec(this.containerId, {
        command: probeAndTraceCommand([HOME_DIR, '/tmp'], traceFile, TRACE_CAP_BYTES),
        user: 'root',
        outputCapBytes: TRACE_CAP_BYTES,
        deadlineMs: READ_BACK_DEADLINE_MS,
      });
      return { reading: parseReading(outcome.stderr), trace: outcome.stdout, truncated: outcome.truncated };
    } catch (error) {
      throw new DynauditError('E_SANDBOX', `reading the ${phase} phase's trace back failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The limits' counters now; null (with a warning) when they cannot be read. */
  private async read(): Promise<ResourceReading | null> {
    try {
      const outcome = await this.engine.exec(this.containerId, {
        command: probeCommand([HOME_DIR, '/tmp']),
        user: 'root',
        outputCapBytes: 16 * 1024,
        deadlineMs: 15_000,
      });
      return parseReading(outcome.stdout);
    } catch (error) {
      this.onWarning(`could not read the sandbox's resource counters: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * Ends whatever the phase left running (the phase command already did, unless
   * its exec was abandoned). When a fork bomb holds every pid, no exec can start:
   * the container then gets a few more pids for the clean-up, and its limit back.
   */
  private async killRunnerProcesses(): Promise<void> {
    const kill = () =>
      this.engine.exec(this.containerId, { command: killRunnerCommand(), user: RUNNER_USER, outputCapBytes: 4096, deadlineMs: 30_000 });
    try {
      await kill();
      return;
    } catch {
      // Probably no pid left for the exec: lend some.
    }
    try {
      await this.engine.updatePidsLimit(this.containerId, this.options.pidsLimit + CLEANUP_PIDS);
      await kill();
    } catch (error) {
      this.onWarning(`could not end the processes the phase left running: ${(error as Error).message}`);
    } finally {
      await this.engine.updatePidsLimit(this.containerId, this.options.pidsLimit).catch(() => {});
    }
  }
}
