/** The sandbox as the pipeline sees it; docker-sandbox.ts implements it. */
import type { PhaseName } from '../events/types.js';

export type PhaseStatus = 'completed' | 'failed' | 'timeout';

export interface SandboxOptions {
  readonly image: string;
  readonly runId: string;
  readonly timeoutSeconds: number;
  readonly runtime?: string;
  readonly memoryBytes: number;
  readonly pidsLimit: number;
  readonly nanoCpus: number;
}

export interface PhaseSpec {
  readonly name: PhaseName;
  readonly command: readonly string[];
  readonly workingDir: string;
}

export interface PhaseRun {
  readonly name: PhaseName;
  readonly status: PhaseStatus;
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** strace text (untrusted, capped). */
  readonly trace: string;
  readonly traceTruncated: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface StartedSandbox extends AsyncDisposable {
  readonly id: string;
  /** Copies a host folder into the sandbox, owned by the runner user. */
  copyIn(hostDir: string, containerDir: string): Promise<void>;
  runPhase(spec: PhaseSpec): Promise<PhaseRun>;
}

export interface Sandbox {
  start(options: SandboxOptions): Promise<StartedSandbox>;
}
