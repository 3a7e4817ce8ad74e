export { straceToEvents, recordsToEvents, type StraceContext } from './strace-to-events.js';
export { parseStrace, MAX_LINE_LENGTH } from './strace-records.js';
export { parseStraceLine, parseCallTail, type StraceRecord, type StraceLineKind, type CallTail } from './strace-line.js';
export { decodeCString, decodeEscapes, cStringText, type DecodedString } from './c-string.js';
export { scanArgs, splitTopLevel, parseArray, parseStruct, flagNames, type ParsedStruct } from './strace-args.js';
export {
  parseFdArg,
  parseAnnotation,
  parseEndpoint,
  parseSockaddr,
  annotationPath,
  type FdArg,
  type FdAnnotation,
  type Endpoint,
  type SockAddr,
} from './strace-values.js';
export { decodeDnsQuestion, dnsTypeName, type DnsQuestion } from './dns-question.js';
export { ProcessTable, packageOfDir, type Task, type KnownClone } from './process-table.js';
export { fileCall, resolvePath, FILE_SYSCALLS, type FileCall, type PathRef, type FdRef } from './file-ops.js';
export { FileEvents, type FileOp } from './file-events.js';
export { PathResolver, type ProcessFacts, type Resolved } from './path-resolver.js';
export { connectAddress, sentDatagrams, socketInfo, type Datagram, type InetAddress, type SocketInfo } from './net-ops.js';
export { execCall, decodeArgv, collapseExecRuns, type ExecCall, type ExecContext } from './exec-calls.js';
export { processLifetimes, type ProcessLifetimes } from './process-lifetimes.js';
export { privilegedOp, unixSocketPath, PRIVILEGED_SYSCALLS, type PrivilegedOp } from './privileged-ops.js';
export { listeningOp, LISTEN_SYSCALLS } from './listen-ops.js';
export { withoutClockWork } from './clock-work.js';
