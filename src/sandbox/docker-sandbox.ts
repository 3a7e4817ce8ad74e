/**
 * The sandbox on a container engine: one container per run with no network,
 * all capabilities dropped but those strace needs, read-only root, limits,
 * and two labelled volumes (the runner's home, and a root-only state folder
 * for traces). Each phase runs under strace with a wall-clock timeout; then
 * every process of the runner user is killed, so nothing carries over.
 * With a fakenet image, a sidecar joins the sandbox's network namespace and
 * plays the internet (fakenet-sidecar.ts); the first phase waits until it
 * is ready (its start-up overlaps copying files in), and it is removed
 * with the sandbox.
 */
import { randomBytes } from 'node:crypto';
import { DynauditError } from '../common/errors.js';
import type { ContainerEngine } from './container-engine.js';
import { FakenetSidecar } from './fakenet-sidecar.js';
import { homeArchive } from './home-archive.js';
import { fileScanCommand, parseFileScan, settleCommand, type FileHit } from './file-scan.js';
import { runLabels } from './labels.js';
import type { FolderCopy, NetworkCapture, PhaseRun, PhaseSpec, Sandbox, SandboxOptions, StartedSandbox } from './sandbox.js';
import { containerEnvironment, runnerHostname } from './sandbox-environment.js';
import { HOME_DIR, RUNNER_UID, RUNNER_USER, STATE_DIR } from './sandbox-layout.js';
import { PhaseRunner } from './phase-runner.js';

const MiB = 1024 * 1024;
/** The runner's home (work dir, npm cache) unless SandboxOptions.diskBytes says otherwise. */
const DEFAULT_DISK_BYTES = 1024 * MiB;
/** Room for the traces (read back capped at 256 MiB). */
const STATE_BYTES = 320 * MiB;

export class DockerSandbox implements Sandbox {
  constructor(
    private readonly engine: ContainerEngine,
    private readonly onWarning: (message: string) => void = () => {},
  ) {}

  async start(options: SandboxOptions): Promise<StartedSandbox> {
    const suffix = `${options.runId}-${randomBytes(3).toString('hex')}`;
    const labels = runLabels(options.runId, 'sandbox');
    // In memory (tmpfs volumes, charged to the container's memory limit) and size-capped, so a package filling
    // its disk never touches the host's disk; named volumes rather than tmpfs mounts, so putArchive can write them.
    const diskBytes = options.diskBytes ?? DEFAULT_DISK_BYTES;
    const volumes = [
      { name: `dynaudit-home-${suffix}`, target: HOME_DIR, tmpfs: { tmpfsBytes: diskBytes, uid: RUNNER_UID, gid: RUNNER_UID, mode: '0755' } },
      { name: `dynaudit-state-${suffix}`, target: STATE_DIR, tmpfs: { tmpfsBytes: STATE_BYTES, uid: 0, gid: 0, mode: '0700' } },
    ];
    const created: Created = { volumes: [] };
    const started = new StartedDockerSandbox(this.engine, options, created, this.onWarning);
    try {
      for (const volume of volumes) {
        await this.engine.createVolume(volume.name, labels, volume.tmpfs);
        created.volumes.push(volume.name);
      }
      const hostname = options.hostname ?? runnerHostname();
      created.container = await this.engine.createAndStart(`dynaudit-sandbox-${suffix}`, {
        image: options.image,
        command: ['/usr/bin/tini', '-s', '--', 'sleep', 'infinity'],
        hostname,
        labels,
        env: containerEnvironment(),
        user: 'root',
        workingDir: HOME_DIR,
        networkMode: 'none',
        // A loopback name server, as on a systemd-resolved machine: queries leave a datagram strace can read the name from.
        dns: ['127.0.0.53'],
        // The machine's own name resolves locally, as on a runner (Debian's 127.0.1.1): looking it up is no DNS query.
        extraHosts: [`${hostname}:127.0.1.1`],
        // strace's: ptrace, dropping to the runner (-u), and reading the runner's /proc/PID/fd (mode 0500) to name
        // every descriptor. Only root processes (init, the phase's shell, strace) hold them; the runner holds none.
        capAdd: ['SYS_PTRACE', 'SETUID', 'SETGID', 'DAC_READ_SEARCH'],
        securityOpt: ['no-new-privileges'],
        readonlyRootfs: true,
        tmpfs: { '/tmp': `rw,exec,nosuid,size=${Math.min(512 * MiB, diskBytes)},mode=1777` },
        volumes: volumes.map(({ name, target }) => ({ name, target })),
        memoryBytes: options.memoryBytes,
        pidsLimit: options.pidsLimit,
        nanoCpus: options.nanoCpus,
        ...(options.runtime ? { runtime: options.runtime } : {}),
      });
      const sandboxId = created.container;
      if (options.fakenetImage) {
        // The sidecar comes up in the background while the home is seeded and files are copied in; the first phase
        // awaits it (and its readiness). Observed here so a sandbox disposed before any phase leaves no unhandled rejection.
        created.fakenet = FakenetSidecar.start(this.engine, { sandboxId, runId: options.runId, name: `dynaudit-fakenet-${suffix}`, image: options.fakenetImage }).catch(
          (error: unknown) => {
            throw new DynauditError('E_SANDBOX', `starting the fakenet sidecar failed: ${(error as Error).message}`, { cause: error });
          },
        );
        created.fakenet.then((sidecar) => sidecar.ready()).catch(() => {});
      }
      await seedHome(this.engine, sandboxId);
      return started;
    } catch (error) {
      await started[Symbol.asyncDispose]();
      throw new DynauditError('E_SANDBOX', `starting the sandbox failed: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** A tmpfs home starts empty (no copy of the image's): give it what useradd gave the image's. */
async function seedHome(engine: ContainerEngine, containerId: string): Promise<void> {
  const outcome = await engine.exec(containerId, {
    command: ['sh', '-c', `cp -R /etc/skel/. ${HOME_DIR}/ && mkdir -p ${HOME_DIR}/work/_temp`],
    user: RUNNER_USER,
    outputCapBytes: 4096,
    deadlineMs: 30_000,
  });
  if (outcome.exitCode !== 0) throw new Error(`preparing the runner's home failed: ${outcome.stderr.trim() || `exit ${outcome.exitCode}`}`);
}

/** What start() created, for dispose() to remove (the fakenet sidecar first: it lives in the sandbox's namespace; it may still be starting). */
interface Created {
  volumes: string[];
  container?: string;
  fakenet?: Promise<FakenetSidecar>;
}

class StartedDockerSandbox implements StartedSandbox {
  private phases: PhaseRunner | undefined;
  private runEnvironment: readonly string[] = [];

  constructor(
    private readonly engine: ContainerEngine,
    private readonly options: SandboxOptions,
    private readonly created: Created,
    private readonly onWarning: (message: string) => void,
  ) {}

  get id(): string {
    return this.created.container ?? '';
  }

  async copyIn(folders: readonly FolderCopy[]): Promise<void> {
    await this.engine.putArchive(this.id, homeArchive(folders), HOME_DIR);
  }

  setRunEnvironment(env: readonly string[]): void {
    if (this.phases) throw new DynauditError('E_SANDBOX', "a run's variables are set before its first phase");
    this.runEnvironment = env;
  }

  async runPhase(spec: PhaseSpec): Promise<PhaseRun> {
    this.phases ??= new PhaseRunner(this.engine, this.id, this.options, this.onWarning, this.runEnvironment);
    const sidecarReady = async (): Promise<void> => (await this.created.fakenet)?.ready();
    await Promise.all([sidecarReady(), this.phases.prime()]);
    return this.phases.run(spec);
  }

  async collectNetwork(): Promise<NetworkCapture | null> {
    const sidecar = await this.created.fakenet;
    return sidecar ? sidecar.collect() : null;
  }

  async findFiles(needles: readonly string[]): Promise<FileHit[]> {
    if (needles.length === 0) return [];
    const outcome = await this.engine.exec(this.id, { command: fileScanCommand(needles), user: 'root', outputCapBytes: 1024 * 1024, deadlineMs: 90_000 });
    return parseFileScan(outcome.stdout, needles);
  }

  async settleFiles(): Promise<void> {
    const outcome = await this.engine.exec(this.id, { command: settleCommand(), user: 'root', outputCapBytes: 4096, deadlineMs: 30_000 });
    if (outcome.exitCode !== 0) throw new DynauditError('E_SANDBOX', `marking the sandbox's files as scanned failed: ${outcome.stderr.trim() || `exit ${outcome.exitCode}`}`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    // Both at once: Docker removes a namespace's owner while a joined container still runs.
    const sidecar = await this.created.fakenet?.catch(() => undefined);
    const containers = [sidecar?.id, this.created.container].filter((id): id is string => id !== undefined);
    await Promise.all(
      containers.map((id) =>
        this.engine.removeContainer(id).catch((error: Error) => {
          this.onWarning(`could not remove container ${id}: ${error.message}`);
        }),
      ),
    );
    await Promise.all(
      this.created.volumes.map((volume) =>
        this.engine.removeVolume(volume).catch((error: Error) => {
          this.onWarning(`could not remove volume ${volume}: ${error.message}`);
        }),
      ),
    );
  }
}
