/**
 * Turns one phase's strace output into normalised, attributed events.
 */
import type { Attribution, ConnectEvent, PhaseName, TraceEvent } from '../events/types.js';
import { cStringText } from './c-string.js';
import { decodeDnsQuestion } from './dns-question.js';
import { collapseExecRuns, execCall } from './exec-calls.js';
import { FileEvents } from './file-events.js';
import { fileCall } from './file-ops.js';
import { connectAddress, sentDatagrams, socketInfo, type InetAddress, type SocketInfo } from './net-ops.js';
import { PathResolver } from './path-resolver.js';
import { cutArgvEvent, overlongEvent } from './trace-gaps.js';
import { ProcessTable, type KnownClone, type Task } from './process-table.js';
import { flagNames } from './strace-args.js';
import type { StraceRecord } from './strace-line.js';
import { privilegedOp, unixSocketPath } from './privileged-ops.js';
import { annotatedLocal, boundAddress, LISTEN_SYSCALLS, listeningOp } from './listen-ops.js';
import { parseStrace } from './strace-records.js';
import { annotationPath, parseFdArg, type Endpoint } from './strace-values.js';

export interface StraceContext {
  readonly phase: PhaseName;
  /** Attribution of the trace's first process: the package manager (install) or the package (import, execute). */
  readonly rootAttribution: Attribution;
  /** The project folder the phase runs in; its `node_modules/<pkg>` folders identify lifecycle scripts. */
  readonly projectDir: string;
}

const CLONES = new Set(['clone', 'clone3', 'fork', 'vfork']);
const SENDS = new Set(['sendto', 'sendmsg', 'sendmmsg']);
const LISTENS = new Set<string>(LISTEN_SYSCALLS);
const DNS_PORT = 53;

function cloneFlags(record: StraceRecord): string[] {
  if (record.syscall === 'vfork') return ['CLONE_VM', 'CLONE_VFORK'];
  if (record.syscall === 'fork') return [];
  const token = record.syscall === 'clone3' ? record.args[0] : record.args.find((arg) => arg.startsWith('flags='));
  return token === undefined ? [] : flagNames(token);
}

const isClone = (record: StraceRecord): boolean =>
  record.syscall !== null && CLONES.has(record.syscall) && record.result !== null && record.result > 0;

/**
 * Events of a phase from its strace text (see the sandbox's strace command
 * line). Pure; malformed or truncated lines are skipped, never thrown.
 *
 * A failed call is an event with ok false and its errno; a call that never
 * returned is an event with ok false and no error. A non-blocking connect
 * (EINPROGRESS) counts as ok. Exec runs of a PATH search are folded.
 */
export function straceToEvents(text: string, context: StraceContext): TraceEvent[] {
  return recordsToEvents(parseStrace(text), context);
}

/** Same as straceToEvents, from records already parsed by parseStrace. */
export function recordsToEvents(records: readonly StraceRecord[], context: StraceContext): TraceEvent[] {
  const knownClones = new Map<number, KnownClone>();
  for (const record of records) {
    if (isClone(record)) knownClones.set(record.result!, { parentPid: record.pid, flags: cloneFlags(record) });
  }
  const table = new ProcessTable({ ...context.rootAttribution }, context.projectDir, knownClones);
  const builder = new EventBuilder(context, table, new PathResolver(table));
  for (const record of records) {
    try {
      builder.add(record);
    } catch {
      // A record we cannot make sense of is skipped: the trace is untrusted input.
    }
  }
  return collapseExecRuns(builder.events());
}

class EventBuilder {
  private readonly out: (TraceEvent | null)[] = [];
  /** DnsEvent placeholders of connects to port 53, by `tgid:fd`, until a query on that socket is seen. */
  private readonly dnsPlaceholders = new Map<string, number>();
  private readonly datagramPeers = new Set<string>();
  /**
   * What socket() and connect() told about each socket, by `tgid:fd`: strace
   * cannot always annotate sockets (-yy needs sock_diag, which the sandbox
   * may not answer), so the protocol and peer are tracked from the calls.
   */
  private readonly sockets = new Map<string, { protocol: SocketProtocol; peer?: InetAddress; local?: Endpoint }>();
  private readonly files: FileEvents;

  constructor(
    private readonly context: StraceContext,
    private readonly table: ProcessTable,
    private readonly resolver: PathResolver,
  ) {
    this.files = new FileEvents(table, resolver, context.projectDir);
  }

  events(): TraceEvent[] {
    return this.out.filter((event): event is TraceEvent => event !== null);
  }

  add(record: StraceRecord): void {
    if (record.kind === 'exit' || record.kind === 'killed') return this.table.exit(record.pid);
    if (record.kind === 'superseded') {
      if (record.otherPid !== undefined && record.otherPid !== record.pid) this.table.exit(record.otherPid);
      return;
    }
    if (record.kind === 'overlong') return void this.push(overlongEvent(record, this.context.phase, this.table.task(record.pid)));
    if ((record.kind !== 'syscall' && record.kind !== 'unfinished') || record.syscall === null) return;
    const task = this.table.task(record.pid);
    const cwdAnnotation = /^AT_FDCWD</.test(record.args[0] ?? '') ? annotationPath(parseFdArg(record.args[0]!)) : null;
    if (cwdAnnotation !== null) this.table.observeCwd(record.pid, cwdAnnotation);
    const syscall = record.syscall;
    const ok = record.result !== null && record.result >= 0;

    if (CLONES.has(syscall)) {
      if (isClone(record)) this.table.spawn(record.pid, record.result!, cloneFlags(record));
      this.privileged(record, task);
    } else if (syscall === 'chdir' || syscall === 'fchdir') {
      const dir = this.chdirTarget(record, task);
      if (ok && dir !== null) this.table.chdir(record.pid, dir.path, dir.exact);
    } else if (syscall === 'execve' || syscall === 'execveat') {
      this.exec(record, task);
    } else if (syscall === 'socket') {
      if (ok) this.sockets.set(`${task.process.tgid}:${record.result}`, { protocol: socketTypeProtocol(record.args[1]) });
      if (ok) this.table.setFd(record.pid, record.result!, null);
      this.privileged(record, task);
    } else if (syscall === 'connect') {
      this.connect(record, task);
    } else if (SENDS.has(syscall)) {
      this.send(record, task);
    } else if (LISTENS.has(syscall)) {
      this.listening(record, task);
    } else if (this.privileged(record, task)) {
      return;
    } else {
      const call = fileCall(syscall, record.args, task.fs.cwd);
      const op = call && this.files.event(record, task, call);
      if (op) this.push({ ...this.base(record, task), kind: 'file', ...op });
    }
  }

  private exec(record: StraceRecord, task: Task): void {
    const { cwd, exact: cwdExact } = task.fs;
    const resolve = (text: string, base: string | null) => this.resolver.resolve(text, base, record.pid);
    const call = execCall(record.syscall!, record.args, { cwd, cwdExact, resolve });
    if (!call) return;
    const { executable, exact, argv, argvTruncated } = call;
    this.push({
      ...this.base(record, task),
      kind: 'process',
      executable,
      ...(exact ? {} : { exact: false as const }),
      argv,
      ...(argvTruncated ? { argvTruncated: true as const } : {}),
      parentPid: task.process.parentPid,
      cwd,
    });
    if (argvTruncated) this.push(cutArgvEvent(record, this.context.phase, task, argv.length));
    if (record.result !== null && record.result >= 0) this.table.exec(record.pid, executable);
  }

  /** The absolute folder a chdir/fchdir names (walked through known links), or null if it cannot be told. */
  private chdirTarget(record: StraceRecord, task: Task): { path: string; exact: boolean } | null {
    if (record.syscall === 'fchdir') {
      const fd = parseFdArg(record.args[0] ?? '');
      const path = annotationPath(fd) ?? (typeof fd?.fd === 'number' ? this.table.fd(record.pid, fd.fd) : null);
      return path === null ? null : { path, exact: true };
    }
    const requested = cStringText(record.args[0] ?? '');
    if (requested === null) return null;
    const dir = this.resolver.resolve(requested, task.fs.cwd, record.pid);
    return dir.path.startsWith('/') ? { path: dir.path, exact: dir.exact && (requested.startsWith('/') || task.fs.exact) } : null;
  }

  private connect(record: StraceRecord, task: Task): void {
    const address = connectAddress(record.args);
    if (!address) {
      const path = unixSocketPath(record.args);
      if (path !== null) this.push({ ...this.base(record, task), kind: 'file', operation: 'connect', path, access: 'read' });
      return;
    }
    const socket = this.socketOf(record, task);
    const base = this.base(record, task, record.errno === 'EINPROGRESS');
    this.sockets.set(`${task.process.tgid}:${socket.fd}`, { protocol: socket.protocol, peer: address });
    this.push({ ...base, kind: 'connect', ...inet(address), protocol: socket.protocol });
    if (address.port === DNS_PORT) {
      const index = this.push({ ...base, kind: 'dns', name: null, type: null, server: address.address });
      this.dnsPlaceholders.set(`${task.process.tgid}:${socket.fd}`, index);
    }
  }

  /** bind/listen/accept: a server the traced code opened (a UDP socket bound to a port, a TCP socket listening, a connection taken). */
  private listening(record: StraceRecord, task: Task): void {
    const socket = this.socketOf(record, task);
    const key = `${task.process.tgid}:${socket.fd}`;
    const tracked = this.sockets.get(key);
    const bound = record.syscall === 'bind' ? boundAddress(record.args) : null;
    if (bound && record.result !== null && record.result >= 0) this.sockets.set(key, { ...(tracked ?? { protocol: socket.protocol }), local: bound });
    const local = bound ?? annotatedLocal(record.args[0]) ?? tracked?.local ?? null;
    // The port its bind asked for (the annotation shows the one the kernel then gave).
    const askedPort = (bound ?? tracked?.local)?.port;
    const op = listeningOp(record.syscall!, { protocol: socket.protocol, local, ...(askedPort === undefined ? {} : { askedPort }) });
    if (op) this.push({ ...this.base(record, task), kind: 'syscall', syscall: op.syscall, detail: op.detail, port: op.port });
  }

  /** The socket an fd argument names, completed from the socket()/connect() calls seen on it. */
  private socketOf(record: StraceRecord, task: Task): SocketInfo {
    const socket = socketInfo(record.args[0]);
    const tracked = this.sockets.get(`${task.process.tgid}:${socket.fd}`);
    if (!tracked) return socket;
    return {
      ...socket,
      protocol: socket.protocol === 'unknown' ? tracked.protocol : socket.protocol,
      peer: socket.peer ?? (tracked.peer ? { address: tracked.peer.address, port: tracked.peer.port } : null),
    };
  }

  private send(record: StraceRecord, task: Task): void {
    const socket = this.socketOf(record, task);
    const socketKey = `${task.process.tgid}:${socket.fd}`;
    const base = this.base(record, task);
    for (const datagram of sentDatagrams(record.syscall!, record.args, record.result)) {
      const explicit = datagram.destination;
      if (explicit) {
        const peerKey = `${socketKey}:${explicit.address}:${explicit.port}`;
        if (!this.datagramPeers.has(peerKey)) {
          this.datagramPeers.add(peerKey);
          this.push({ ...base, kind: 'connect', ...inet(explicit), protocol: socket.protocol });
        }
      }
      const destination = explicit ?? socket.peer;
      if (destination?.port !== DNS_PORT) continue;
      const question = datagram.payload ? decodeDnsQuestion(datagram.payload, { tcp: socket.protocol === 'tcp' }) : null;
      if (question) {
        const placeholder = this.dnsPlaceholders.get(socketKey);
        if (placeholder !== undefined) this.out[placeholder] = null;
        this.dnsPlaceholders.delete(socketKey);
        this.push({ ...base, kind: 'dns', name: question.name, type: question.type, server: destination.address });
      } else if (explicit) {
        this.push({ ...base, kind: 'dns', name: null, type: null, server: explicit.address });
      }
    }
  }

  /** A syscall event for a privileged call (set*id, mount, raw socket, untraced clone, …); false for an ordinary call. */
  private privileged(record: StraceRecord, task: Task): boolean {
    const op = privilegedOp(record.syscall ?? '', record.args);
    if (op) this.push({ ...this.base(record, task), kind: 'syscall', syscall: op.syscall, detail: op.detail });
    return op !== null;
  }

  private base(record: StraceRecord, task: Task, okAnyway = false) {
    const ok = okAnyway || (record.result !== null && record.result >= 0);
    return {
      phase: this.context.phase,
      pid: record.pid,
      timestampMs: record.timestampMs,
      attribution: task.process.attribution,
      ok,
      ...(ok || record.errno === undefined ? {} : { error: record.errno }),
    };
  }

  private push(event: TraceEvent): number {
    this.out.push(event);
    return this.out.length - 1;
  }
}

type SocketProtocol = 'tcp' | 'udp' | 'unknown';

/** tcp/udp from socket()'s type argument, e.g. `SOCK_DGRAM|SOCK_CLOEXEC`. */
function socketTypeProtocol(type: string | undefined): SocketProtocol {
  if (type?.includes('SOCK_STREAM')) return 'tcp';
  if (type?.includes('SOCK_DGRAM')) return 'udp';
  return 'unknown';
}

function inet(address: InetAddress): Pick<ConnectEvent, 'family' | 'address' | 'port'> {
  return { family: address.family, address: address.address, port: address.port };
}
