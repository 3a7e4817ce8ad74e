/**
 * The only type shared between stages: what a package was seen doing.
 * Events are normalised (no strace syntax) so the policy never parses text.
 */
export type PhaseName = 'install' | 'import' | 'execute';

/** Who caused an event, as far as the trace can tell. */
export interface Attribution {
  /** Package whose lifecycle script or import produced the event; null for the package manager itself. */
  readonly package: string | null;
  readonly via: 'lifecycle-script' | 'import' | 'package-manager';
}

interface EventBase {
  readonly phase: PhaseName;
  readonly pid: number;
  /** Milliseconds since the Unix epoch, from strace's -ttt timestamps. */
  readonly timestampMs: number;
  readonly attribution: Attribution;
  /** False when the syscall failed; the attempt is still an event. */
  readonly ok: boolean;
  /** errno name of a failed call, e.g. ENOENT. */
  readonly error?: string;
}

export interface ProcessEvent extends EventBase {
  readonly kind: 'process';
  readonly executable: string;
  readonly argv: readonly string[];
  readonly parentPid: number | null;
  /** Working directory of the process when it exec'd, where known. */
  readonly cwd: string | null;
}

export type FileOperation = 'open' | 'rename' | 'unlink' | 'chmod' | 'mkdir' | 'symlink' | 'link';

export interface FileEvent extends EventBase {
  readonly kind: 'file';
  readonly operation: FileOperation;
  /** Absolute path where it could be resolved, else as the syscall gave it. */
  readonly path: string;
  /** Second path of rename/symlink/link. */
  readonly target?: string;
  readonly access: 'read' | 'write';
}

export interface ConnectEvent extends EventBase {
  readonly kind: 'connect';
  readonly family: 'inet' | 'inet6';
  readonly address: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp' | 'unknown';
}

export interface DnsEvent extends EventBase {
  readonly kind: 'dns';
  /** Name asked for, when the query datagram was seen. */
  readonly name: string | null;
  readonly type: string | null;
  readonly server: string;
}

export type TraceEvent = ProcessEvent | FileEvent | ConnectEvent | DnsEvent;
