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
  /** import and execute phases: the step of the consumer under way (an index into the phase's calls), when there was one. */
  readonly call?: number;
  /** The kind of that step (policy key `step`): a loading, a call, a construction, a bin run, the closing wait. */
  readonly step?: CallStep;
  /** What that step was handed (policy key `argument`): a loading's condition, the kind of a call's argument (`number`, `url`, …), a bin's argument. */
  readonly argument?: string;
}

/** load: require() or import() of the package or a subpath; construct: `new` of a class; bin: a bin of the package run; wait: the observation window at the end, while what the steps left behind runs. */
export const CALL_STEPS = ['load', 'call', 'construct', 'bin', 'wait'] as const;
export type CallStep = (typeof CALL_STEPS)[number];

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
  /** Set when the event involves a honeytoken the sandbox planted (policy key `honeytoken`). */
  readonly honeytoken?: HoneytokenMark;
}

/**
 * A honeytoken in an event: `touched` when a file holding one was opened,
 * `sent` when one (raw or encoded) was found in what left the sandbox,
 * `staged` when one was found in a file the package wrote, `handed` when a
 * program was started with one on its command line.
 * `token` names the planted token (e.g. `npm-token`), never its value.
 */
interface HoneytokenMark {
  readonly token: string;
  readonly how: 'touched' | 'sent' | 'staged' | 'handed';
}

export interface ProcessEvent extends EventBase {
  readonly kind: 'process';
  /** The program's path, made absolute and followed through the links the trace saw being made. */
  readonly executable: string;
  /**
   * False when the executable's path cannot be trusted to be the program the
   * kernel ran: it went up (`..`) from a folder the trace cannot vouch for,
   * or started from an unknown working directory. Exemptions never apply then.
   */
  readonly exact?: false;
  readonly argv: readonly string[];
  /** Set when strace left out part of the command line (an argument cut short, or arguments beyond its limit). */
  readonly argvTruncated?: true;
  readonly parentPid: number | null;
  /** Working directory of the process when it exec'd, where known. */
  readonly cwd: string | null;
}

/**
 * `connect`: a connection to a Unix socket at `path` (e.g. /var/run/docker.sock), reported with access `read`.
 * `stat`, `access`, `readlink`: a look at a file without opening it (access `metadata`).
 */
export const FILE_OPERATIONS = [
  'open',
  'rename',
  'unlink',
  'chmod',
  'chown',
  'truncate',
  'mkdir',
  'mknod',
  'symlink',
  'link',
  'connect',
  'stat',
  'access',
  'readlink',
] as const;
export type FileOperation = (typeof FILE_OPERATIONS)[number];

/** read and write: the file's content; metadata: whether it exists, its type, owner, size or link target. */
export const FILE_ACCESSES = ['read', 'write', 'metadata'] as const;
export type FileAccess = (typeof FILE_ACCESSES)[number];

export interface FileEvent extends EventBase {
  readonly kind: 'file';
  readonly operation: FileOperation;
  /**
   * The file the kernel touched: absolute, through the links, working
   * directories and file descriptors the call named (strace's view of the
   * returned descriptor where there is one), else as the syscall gave it.
   */
  readonly path: string;
  /** The path as the call named it (made absolute), when it differs from `path`. */
  readonly requested?: string;
  /** Second path of rename/symlink/link: the new name of a rename, what a link or symlink points at. */
  readonly target?: string;
  readonly access: FileAccess;
}

export interface ConnectEvent extends EventBase {
  readonly kind: 'connect';
  readonly family: 'inet' | 'inet6';
  readonly address: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp' | 'unknown';
  /** The name the fake internet's DNS answered with this address, when it did. */
  readonly hostname?: string;
  /** What the fake internet received on this connection (TCP) or in these datagrams (UDP). */
  readonly received?: ReceivedBytes;
}

/** Bytes a connection sent out, as the fake internet caught them. */
interface ReceivedBytes {
  readonly bytes: number;
  /** The first bytes (capped), printable ASCII kept and everything else escaped (`\r`, `\n`, `\xNN`). */
  readonly firstBytes: string;
}

export interface DnsEvent extends EventBase {
  readonly kind: 'dns';
  /** Name asked for, when the query datagram was seen. */
  readonly name: string | null;
  readonly type: string | null;
  readonly server: string;
  /** The fake internet's answer (a sinkhole address), when it answered with one. */
  readonly answer?: string;
}

/** Where a network event went: the address, the port and the name it was looked up by. */
interface Destination {
  readonly address: string;
  readonly port: number;
  readonly hostname?: string;
}

/** An HTTP request the fake internet received (and answered with 200). */
export interface HttpEvent extends EventBase, Destination {
  readonly kind: 'http';
  readonly method: string;
  /** The Host header, when sent. */
  readonly host: string | null;
  /** The request target as sent (path and query, or an absolute URL). */
  readonly path: string;
  readonly bodyBytes: number;
  /** The start of the body, escaped like ReceivedBytes.firstBytes. */
  readonly bodyExcerpt: string;
}

/** A TLS ClientHello the fake internet received. */
export interface TlsEvent extends EventBase, Destination {
  readonly kind: 'tls';
  /** server_name of the ClientHello; null when the client sent none. */
  readonly sni: string | null;
  readonly alpn: readonly string[];
}

/** A planted honeytoken found in what left a process (its mark says which token). */
export interface ExfiltrationEvent extends EventBase {
  readonly kind: 'exfiltration';
  readonly honeytoken: HoneytokenMark;
  /** What the token is, for people: e.g. `npm token in ~/.npmrc`. */
  readonly tokenLabel: string;
  readonly channel: 'http' | 'tls' | 'tcp' | 'udp' | 'dns';
  /** Where in the traffic, e.g. `HTTP POST body`, `DNS query name`. */
  readonly location: string;
  /** The destination as people read it, e.g. `collect.example (198.51.100.129:80)`. */
  readonly destination: string;
  /** The name the destination's address was looked up by, when the fake internet's DNS answered it (policy key `name`). */
  readonly hostname?: string;
  /** How it was written: raw, base64, base64url, hex, url, base32, or a chain such as `url+base64`. */
  readonly encoding: string;
  /** How many characters of the token were found (the whole token, or a part of at least 16). */
  readonly matchedChars: number;
  readonly tokenChars: number;
}

/**
 * A call that asks for privileges or reaches past the sandbox: the set*id
 * family, mount, namespaces (unshare, setns), chroot, ptrace, kernel modules,
 * bpf, and raw or packet sockets. Such calls fail in the sandbox; the attempt is the event.
 */
export interface SyscallEvent extends EventBase {
  readonly kind: 'syscall';
  /** The syscall's name, e.g. `setuid`, `mount`, `socket`. */
  readonly syscall: string;
  /** What it asked for, as strace showed it (capped), e.g. `0` or `AF_PACKET, SOCK_RAW`. */
  readonly detail: string;
  /** A server's bind, listen or accept: the port it asked for, 0 when it left the choice to the kernel (policy key `port`). */
  readonly port?: number;
}

/** Limits the sandbox enforces, and processes that outlive the phase's command (policy key `limit`). */
export const LIMIT_KINDS = ['time', 'memory', 'processes', 'disk', 'output', 'detached', 'sandbox', 'trace', 'capture', 'platform'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/**
 * A limit a phase ran into, seen by the sandbox rather than the trace:
 * time (killed at the phase's time limit), memory (the OOM killer ended
 * processes), processes (forks refused at the pids limit), disk (a writable
 * filesystem filled up), output (the phase printed more than is kept),
 * detached (processes still ran after the phase's command had exited),
 * sandbox (the sandbox container stopped under the phase), trace (the trace
 * hit its size cap or held a line too long to read: later behaviour may be
 * missing), capture (what a connection sent was more than the fake internet
 * keeps or could decode: the rest was not searched for secrets), or platform
 * (a package built for another os/cpu was installed and loaded anyway).
 */
export interface LimitEvent extends EventBase {
  readonly kind: 'limit';
  readonly limit: LimitKind;
  /** For people, e.g. `memory limit 2048 MiB: the kernel killed 1 process(es)`. */
  readonly detail: string;
}

export type TraceEvent =
  | ProcessEvent
  | FileEvent
  | ConnectEvent
  | DnsEvent
  | HttpEvent
  | TlsEvent
  | ExfiltrationEvent
  | SyscallEvent
  | LimitEvent;
