/**
 * What the sandbox needs from a container engine. The Docker implementation
 * lives in docker-engine.ts (the only file that imports dockerode); unit tests
 * can use a fake of this interface.
 */
import type { Readable } from 'node:stream';

export interface ContainerSpec {
  readonly image: string;
  readonly command: readonly string[];
  readonly hostname: string;
  readonly labels: Record<string, string>;
  readonly env: readonly string[];
  readonly user: string;
  readonly workingDir: string;
  readonly networkMode: string;
  /** Name servers written to the container's resolv.conf. */
  readonly dns: readonly string[];
  /** Lines added to the container's /etc/hosts, as `NAME:ADDRESS`. */
  readonly extraHosts?: readonly string[];
  readonly capAdd: readonly string[];
  readonly securityOpt: readonly string[];
  readonly readonlyRootfs: boolean;
  readonly tmpfs: Record<string, string>;
  readonly volumes: readonly { readonly name: string; readonly target: string }[];
  readonly memoryBytes: number;
  readonly pidsLimit: number;
  readonly nanoCpus: number;
  readonly runtime?: string;
}

export interface ExecSpec {
  readonly command: readonly string[];
  readonly user: string;
  readonly env?: readonly string[];
  readonly workingDir?: string;
  /** Bytes of stdout/stderr kept; the rest is read and dropped. */
  readonly outputCapBytes: number;
  /** Host-side deadline; past it the exec is abandoned (the caller then cleans up). */
  readonly deadlineMs: number;
  /** Called once the command runs in the container (host work can overlap it from then on). */
  readonly onStarted?: () => void;
}

export interface ExecOutcome {
  /** null when the deadline passed before the exec ended. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly truncated: boolean;
  /** Bytes printed on stdout and stderr together, kept or not (a flood shows here). */
  readonly outputBytes?: number;
}

/** A volume whose files live in memory (tmpfs), so a package filling it cannot fill the host's disk. */
export interface VolumeOptions {
  readonly tmpfsBytes: number;
  readonly uid: number;
  readonly gid: number;
  /** Octal mode of the volume's root, e.g. `0755`. */
  readonly mode: string;
}

/** What the engine says about a container. */
export interface ContainerState {
  readonly running: boolean;
  readonly oomKilled: boolean;
  readonly exitCode: number | null;
}

export interface ContainerEngine {
  ping(): Promise<void>;
  imageExists(tag: string): Promise<boolean>;
  buildImage(context: Readable, tag: string, buildArgs: Record<string, string>, onLine: (line: string) => void): Promise<void>;
  createVolume(name: string, labels: Record<string, string>, options?: VolumeOptions): Promise<void>;
  removeVolume(name: string): Promise<void>;
  createAndStart(name: string, spec: ContainerSpec): Promise<string>;
  removeContainer(id: string): Promise<void>;
  /** Sends a signal (e.g. SIGUSR1) to the container's init. */
  signalContainer(id: string, signal: string): Promise<void>;
  exec(containerId: string, spec: ExecSpec): Promise<ExecOutcome>;
  containerState(id: string): Promise<ContainerState>;
  /** Changes a running container's process limit (to make room for a clean-up exec after a fork bomb). */
  updatePidsLimit(id: string, pidsLimit: number): Promise<void>;
  putArchive(containerId: string, tarStream: Readable, targetDir: string): Promise<void>;
  /** Reads one regular file out of a container (volumes included), at most maxBytes of it. */
  readFile(containerId: string, path: string, maxBytes: number): Promise<{ readonly content: Buffer; readonly truncated: boolean }>;
  /** Reads every regular file of a folder in one request (names relative to it), at most maxBytes of each. */
  readFolder(containerId: string, path: string, maxBytes: number): Promise<Map<string, { readonly content: Buffer; readonly truncated: boolean }>>;
}
