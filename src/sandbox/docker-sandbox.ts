/**
 * The sandbox on a container engine: one container per run with no network,
 * all capabilities dropped but those strace needs, read-only root, limits,
 * and two labelled volumes (the runner's home, and a root-only state folder
 * for traces). Each phase runs under strace with a wall-clock timeout; then
 * every process of the runner user is killed, so nothing carries over.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tarFs from 'tar-fs';
import { DynauditError } from '../common/errors.js';
import type { ContainerEngine } from './container-engine.js';
import { runLabels } from './labels.js';
import type { PhaseRun, PhaseSpec, Sandbox, SandboxOptions, StartedSandbox } from './sandbox.js';
import { runnerHostname, sandboxEnvironment } from './sandbox-environment.js';
import { HOME_DIR, RUNNER_UID, RUNNER_USER, STATE_DIR } from './sandbox-layout.js';
import { straceCommand } from './strace-command.js';

const OUTPUT_CAP_BYTES = 64 * 1024;
const TRACE_CAP_BYTES = 256 * 1024 * 1024;
/** Extra time the host waits for an exec beyond the in-container timeout. */
const HOST_GRACE_MS = 20_000;

export class DockerSandbox implements Sandbox {
  constructor(
    private readonly engine: ContainerEngine,
    private readonly onWarning: (message: string) => void = () => {},
  ) {}

  async start(options: SandboxOptions): Promise<StartedSandbox> {
    const suffix = `${options.runId}-${randomBytes(3).toString('hex')}`;
    const labels = runLabels(options.runId, 'sandbox');
    const volumes = [
      { name: `dynaudit-home-${suffix}`, target: HOME_DIR },
      { name: `dynaudit-state-${suffix}`, target: STATE_DIR },
    ];
    const created: { volumes: string[]; container?: string } = { volumes: [] };
    const started = new StartedDockerSandbox(this.engine, options, created, this.onWarning);
    try {
      for (const volume of volumes) {
        await this.engine.createVolume(volume.name, labels);
        created.volumes.push(volume.name);
      }
      created.container = await this.engine.createAndStart(`dynaudit-sandbox-${suffix}`, {
        image: options.image,
        command: ['/usr/bin/tini', '-s', '--', 'sleep', 'infinity'],
        hostname: runnerHostname(),
        labels,
        env: sandboxEnvironment(),
        user: 'root',
        workingDir: HOME_DIR,
        networkMode: 'none',
        // A loopback name server, as on a systemd-resolved machine: queries leave a datagram strace can read the name from.
        dns: ['127.0.0.53'],
        capAdd: ['SYS_PTRACE', 'SETUID', 'SETGID'],
        securityOpt: ['no-new-privileges'],
        readonlyRootfs: true,
        tmpfs: { '/tmp': 'rw,exec,nosuid,size=1g,mode=1777' },
        volumes,
        memoryBytes: options.memoryBytes,
        pidsLimit: options.pidsLimit,
        nanoCpus: options.nanoCpus,
        ...(options.runtime ? { runtime: options.runtime } : {}),
      });
      return started;
    } catch (error) {
      await started[Symbol.asyncDispose]();
      throw new DynauditError('E_SANDBOX', `starting the sandbox failed: ${(error as Error).message}`, { cause: error });
    }
  }
}

class StartedDockerSandbox implements StartedSandbox {
  constructor(
    private readonly engine: ContainerEngine,
    private readonly options: SandboxOptions,
    private readonly created: { volumes: string[]; container?: string },
    private readonly onWarning: (message: string) => void,
  ) {}

  get id(): string {
    return this.created.container ?? '';
  }

  async copyIn(hostDir: string, containerDir: string): Promise<void> {
    const prefix = path.posix.basename(containerDir);
    const pack = tarFs.pack(hostDir, {
      map: (header) => ({
        ...header,
        name: header.name === '.' || header.name === '' ? prefix : `${prefix}/${header.name}`,
        uid: RUNNER_UID,
        gid: RUNNER_UID,
      }),
    }) as unknown as Readable;
    await this.engine.putArchive(this.id, pack, path.posix.dirname(containerDir));
  }

  async runPhase(spec: PhaseSpec): Promise<PhaseRun> {
    const traceFile = `${STATE_DIR}/${spec.name}.strace`;
    const timeoutSeconds = this.options.timeoutSeconds;
    const startedAt = Date.now();
    const outcome = await this.engine.exec(this.id, {
      command: ['timeout', '-s', 'KILL', String(timeoutSeconds), ...straceCommand(traceFile, RUNNER_USER, spec.command)],
      user: 'root',
      workingDir: spec.workingDir,
      outputCapBytes: OUTPUT_CAP_BYTES,
      deadlineMs: timeoutSeconds * 1000 + HOST_GRACE_MS,
    });
    const durationMs = Date.now() - startedAt;
    await this.killRunnerProcesses();
    const { content, truncated } = await this.engine.readFile(this.id, traceFile, TRACE_CAP_BYTES);
    const timedOut = outcome.exitCode === null || (outcome.exitCode === 137 && durationMs >= timeoutSeconds * 1000 - 250);
    return {
      name: spec.name,
      status: timedOut ? 'timeout' : outcome.exitCode === 0 ? 'completed' : 'failed',
      exitCode: outcome.exitCode,
      durationMs,
      trace: content.toString('utf8'),
      traceTruncated: truncated,
      stdout: outcome.stdout,
      stderr: outcome.stderr,
    };
  }

  /** Ends whatever the phase left running (detached daemons included). */
  private async killRunnerProcesses(): Promise<void> {
    await this.engine.exec(this.id, {
      command: ['kill', '-9', '-1'],
      user: RUNNER_USER,
      outputCapBytes: 4096,
      deadlineMs: 15_000,
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.created.container) {
      await this.engine.removeContainer(this.created.container).catch((error: Error) => {
        this.onWarning(`could not remove container ${this.created.container}: ${error.message}`);
      });
    }
    for (const volume of this.created.volumes) {
      await this.engine.removeVolume(volume).catch((error: Error) => {
        this.onWarning(`could not remove volume ${volume}: ${error.message}`);
      });
    }
  }
}
