/**
 * The fakenet sidecar's lifecycle: a second container in the sandbox's
 * network namespace (`container:<sandbox>`), with only the capabilities it
 * needs (NET_ADMIN for the veth and iptables, NET_RAW for tcpdump,
 * NET_BIND_SERVICE for port 53, SETUID/SETGID for tcpdump's `-Z root`), in
 * its own PID namespace and filesystem, so the package never sees it.
 * `start` creates it; `ready()` settles once its rules and listeners are up
 * (the sandbox awaits it before the first phase, so its start-up overlaps
 * copying the project in); a sidecar that does not come up is an E_SANDBOX
 * error. `collect` signals it (SIGUSR1, forwarded by tini) to log the
 * connections still open, waits for its acknowledgement and reads its log
 * and pcap; tcpdump runs with -U, so every packet is in the file already
 * and the container need not stop (which cost ~0.5 s). It can be called
 * again later (a batch collects after each chunk): each capture holds
 * everything since the sidecar started.
 */
import { DynauditError } from '../common/errors.js';
import type { ContainerEngine } from './container-engine.js';
import { fakenetCommand, FAKENET_FILES, FAKENET_OUT_DIR } from './fakenet-layout.js';
import { runLabels } from './labels.js';
import type { NetworkCapture } from './sandbox.js';

const READY_TIMEOUT_MS = 30_000;
const POLL_MS = 50;
const COLLECT_TIMEOUT_MS = 10_000;
const ACK_DELAY_MS = 20;
/** Above the sink's own log cap (it drops whole records beyond it, and says how many). */
const SINK_LOG_CAP_BYTES = 192 * 1024 * 1024;
const PCAP_CAP_BYTES = 256 * 1024 * 1024;

export interface SidecarOptions {
  readonly sandboxId: string;
  readonly runId: string;
  readonly name: string;
  readonly image: string;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const fileName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export class FakenetSidecar {
  private readiness: Promise<void> | undefined;
  /** Collections asked for so far: the sink acknowledges the n-th with `collected n`. */
  private collections = 0;

  private constructor(
    private readonly engine: ContainerEngine,
    readonly id: string,
  ) {}

  /** Creates and starts the sidecar container (not yet ready: see ready()). */
  static async start(engine: ContainerEngine, options: SidecarOptions): Promise<FakenetSidecar> {
    const id = await engine.createAndStart(options.name, {
      image: options.image,
      command: fakenetCommand(),
      hostname: '',
      labels: runLabels(options.runId, 'fakenet'),
      env: [],
      user: 'root',
      workingDir: '/opt/fakenet',
      networkMode: `container:${options.sandboxId}`,
      dns: [],
      capAdd: ['NET_ADMIN', 'NET_RAW', 'NET_BIND_SERVICE', 'SETUID', 'SETGID'],
      securityOpt: ['no-new-privileges'],
      readonlyRootfs: false,
      tmpfs: {},
      volumes: [],
      memoryBytes: 512 * 1024 * 1024,
      pidsLimit: 64,
      nanoCpus: 1e9,
    });
    return new FakenetSidecar(engine, id);
  }

  /** Settles when the sidecar's rules and listeners are up; rejects (E_SANDBOX) when it never comes up. */
  ready(): Promise<void> {
    this.readiness ??= this.waitReady();
    return this.readiness;
  }

  /** The sink's status file, read with one archive request whether the sidecar runs or not (the image ships it as `starting`). */
  private async status(): Promise<string> {
    try {
      const { content } = await this.engine.readFile(this.id, FAKENET_FILES.status, 4096);
      return content.toString('utf8').trim();
    } catch (error) {
      throw new DynauditError('E_SANDBOX', `the fakenet sidecar is gone: ${(error as Error).message}`, { cause: error });
    }
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const status = await this.status();
      if (status === 'ready') return;
      if (status !== 'starting') {
        throw new DynauditError('E_SANDBOX', `the fakenet sidecar did not start: ${status.replace(/^failed: /, '')}`);
      }
      if (Date.now() > deadline) throw new DynauditError('E_SANDBOX', `the fakenet sidecar was not ready within ${READY_TIMEOUT_MS / 1000} s`);
      await delay(POLL_MS);
    }
  }

  /**
   * Asks the sink to log the connections still open (SIGUSR1), then reads
   * its whole folder in one request (status, log, pcap) until the status
   * acknowledges; the sink does so within milliseconds.
   */
  async collect(): Promise<NetworkCapture> {
    const problems: string[] = [];
    let signalled = true;
    try {
      // Before its handler is installed, SIGUSR1 would end the sink.
      await this.ready();
      this.collections += 1;
      await this.engine.signalContainer(this.id, 'SIGUSR1');
    } catch (error) {
      signalled = false;
      problems.push(`could not signal the sidecar (${(error as Error).message}); connections still open are missing`);
    }
    const deadline = Date.now() + COLLECT_TIMEOUT_MS;
    let files = new Map<string, { readonly content: Buffer; readonly truncated: boolean }>();
    for (;;) {
      await delay(ACK_DELAY_MS);
      try {
        files = await this.engine.readFolder(this.id, FAKENET_OUT_DIR, PCAP_CAP_BYTES);
      } catch (error) {
        problems.push(`could not read the capture: ${(error as Error).message}`);
        break;
      }
      const status = files.get(fileName(FAKENET_FILES.status))?.content.toString('utf8').trim() ?? '';
      if (!signalled || status === `collected ${this.collections}`) break;
      if (Date.now() > deadline) {
        problems.push(`the sidecar did not acknowledge the collection (status "${status}"); connections still open are missing`);
        break;
      }
    }
    const file = (path: string, cap: number): Buffer => {
      const found = files.get(fileName(path));
      if (!found) problems.push(`the capture has no ${path}`);
      else if (found.truncated || found.content.length > cap) problems.push(`${path} exceeded ${cap} bytes and was cut`);
      return found ? found.content.subarray(0, cap) : Buffer.alloc(0);
    };
    return { sinkLog: file(FAKENET_FILES.sinkLog, SINK_LOG_CAP_BYTES).toString('utf8'), pcap: file(FAKENET_FILES.pcap, PCAP_CAP_BYTES), problems };
  }
}
