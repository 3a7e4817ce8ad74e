/** The sandbox as the pipeline sees it; docker-sandbox.ts implements it. */
import type { PhaseName } from '../events/types.js';
import type { FileHit } from './file-scan.js';
import type { PhaseClock } from './time-acceleration.js';

export type PhaseStatus = 'completed' | 'failed' | 'timeout';

export interface SandboxOptions {
  readonly image: string;
  readonly runId: string;
  readonly timeoutSeconds: number;
  readonly runtime?: string;
  readonly memoryBytes: number;
  readonly pidsLimit: number;
  readonly nanoCpus: number;
  /** Image of the fakenet sidecar (fake internet, pcap); without it the sandbox has no network at all. */
  readonly fakenetImage?: string;
  /** The sandbox's hostname; a plausible runner name when absent. */
  readonly hostname?: string;
  /** Size of the runner's home (the work dir, npm cache), held in memory so a package cannot fill the host's disk; 1 GiB when absent. */
  readonly diskBytes?: number;
}

export interface PhaseSpec {
  readonly name: PhaseName;
  readonly command: readonly string[];
  readonly workingDir: string;
  /** Overrides SandboxOptions.timeoutSeconds for this phase. */
  readonly timeoutSeconds?: number;
  /**
   * The phase runs package code: on the fast clock of time-acceleration.ts
   * (phaseTimeEnvironment), started `daysAhead` days ahead. Absent: the real clock.
   */
  readonly clock?: PhaseClock;
  /**
   * false: the command runs no package code (npm laying a tree out with
   * scripts off), so it runs as the runner without strace, and its run has
   * an empty trace. Traced unless said.
   */
  readonly traced?: false;
  /** Called once the phase's command runs in the container: host work (judging the previous phase) overlaps it from then on. */
  readonly onStarted?: () => void;
  /**
   * Called once the phase's command has ended and every process of the
   * runner is gone, before its trace is read back: work that must come
   * after the package's (the last phase's file scan) can start from then on.
   */
  readonly onEnded?: () => void;
}

/** The most of a phase's trace that is read back; a longer one is cut (PhaseRun.traceTruncated). */
export const TRACE_CAP_BYTES = 256 * 1024 * 1024;

export interface PhaseRun {
  readonly name: PhaseName;
  readonly status: PhaseStatus;
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** The clock the phase's package code ran on (PhaseSpec.clock); absent: the real one. */
  readonly clock?: PhaseClock;
  /** When the phase started (ms since the epoch, the host's clock, which the containers share). */
  readonly startedAtMs: number;
  /** strace text (untrusted, capped). */
  readonly trace: string;
  /** The trace was longer than TRACE_CAP_BYTES (or its folder filled up): the rest is lost. */
  readonly traceTruncated: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** The sandbox's limits the phase ran into (absent from sandboxes that cannot tell). */
  readonly resources?: PhaseResources;
}

/** Limits a phase reached, as the sandbox saw them (not in the trace). */
export interface PhaseResources {
  readonly memoryLimitBytes: number;
  readonly pidsLimit: number;
  /** Processes the kernel's OOM killer ended at the memory limit. */
  readonly oomKills: number;
  /** Forks refused at the process limit. */
  readonly pidsRefused: number;
  /** Writable filesystems (home, /tmp) that filled up. */
  readonly fullFilesystems: readonly { readonly path: string; readonly sizeBytes: number }[];
  /** Bytes printed on stdout and stderr (only the first 64 KiB of each are kept). */
  readonly outputBytes: number;
  /** The sandbox container stopped during the phase (no later phase can run). */
  readonly sandboxStopped: boolean;
}

/** A host folder whose contents go to `containerDir`: the runner's home (HOME_DIR) or a folder below it. */
export interface FolderCopy {
  readonly hostDir: string;
  readonly containerDir: string;
}

export interface StartedSandbox extends AsyncDisposable {
  readonly id: string;
  /**
   * Copies the contents of each host folder to its folder in the runner's
   * home (the home itself or below it), owned by the runner, file modes
   * kept, in one archive: one round trip to the engine, however many folders.
   */
  copyIn(folders: readonly FolderCopy[]): Promise<void>;
  /**
   * The run's own `NAME=value` variables (its honeytokens, its CI job's),
   * on top of the sandbox's, for every phase: given once the bait is made,
   * so the sandbox can start before it. Before the first phase only.
   */
  setRunEnvironment(env: readonly string[]): void;
  runPhase(spec: PhaseSpec): Promise<PhaseRun>;
  /** Reads what the fake internet saw so far (everything since the sandbox started); null when the sandbox runs without one. */
  collectNetwork(): Promise<NetworkCapture | null>;
  /**
   * Files the runner can write that hold any of `needles` (fixed strings),
   * among those changed since the last findFiles or settleFiles (the
   * first: since the sandbox started); while no phase runs.
   */
  findFiles(needles: readonly string[]): Promise<FileHit[]>;
  /** The files as they are now are left out of the next findFiles (until they change): after a phase that ran no package code. */
  settleFiles(): Promise<void>;
}

/** What the fakenet sidecar recorded (untrusted, capped). */
export interface NetworkCapture {
  /** The sink's JSON-lines log. */
  readonly sinkLog: string;
  /** tcpdump's libpcap file of every interface of the sandbox's namespace. */
  readonly pcap: Buffer;
  /** What went wrong while collecting; the capture may then be partial. */
  readonly problems: readonly string[];
}

export interface Sandbox {
  start(options: SandboxOptions): Promise<StartedSandbox>;
}
