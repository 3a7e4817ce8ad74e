/**
 * The limits a phase ran into, as events the policy judges like any other
 * (rules `event: limit` in policies/default.yaml), so they are stored,
 * re-judged and allowlisted like the rest. Pure: built from what the sandbox
 * measured (PhaseRun.resources) and from the trace (who still ran, who was killed).
 */
import type { Attribution, LimitEvent, LimitKind, ProcessEvent, TraceEvent } from '../../events/types.js';
import { TRACE_CAP_BYTES, type PhaseRun } from '../../sandbox/sandbox.js';
import type { ProcessLifetimes } from '../../trace/index.js';

const MiB = 1024 * 1024;
/** Printing more than this is a flood (npm ci of a big tree prints a few KiB). */
export const OUTPUT_FLOOD_BYTES = 8 * MiB;
const MAX_NAMED = 3;

const mib = (bytes: number): string => `${Math.round(bytes / MiB)} MiB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The last exec of each pid: what the process ran, and who it worked for. */
function lastExecs(events: readonly TraceEvent[]): Map<number, ProcessEvent> {
  const execs = new Map<number, ProcessEvent>();
  for (const event of events) if (event.kind === 'process' && event.ok) execs.set(event.pid, event);
  return execs;
}

function commandOf(exec: ProcessEvent | undefined): string {
  const command = exec?.argv.join(' ') ?? '';
  return command.length > 120 ? `${command.slice(0, 120)}…` : command;
}

/** `pid 12 (node hog.js), pid 13 (…) and 4 more` */
function named(pids: readonly number[], execs: Map<number, ProcessEvent>): string {
  const shown = pids.slice(0, MAX_NAMED).map((pid) => {
    const command = commandOf(execs.get(pid));
    return command === '' ? `pid ${pid}` : `pid ${pid} (${command})`;
  });
  const more = pids.length > MAX_NAMED ? ` and ${pids.length - MAX_NAMED} more` : '';
  return `${shown.join(', ')}${more}`;
}

export interface LimitContext {
  readonly lifetimes: ProcessLifetimes;
  /** Who a limit is blamed on when no process of a package can be named (the analyzed package). */
  readonly fallback: Attribution;
}

export function limitEvents(run: PhaseRun, events: readonly TraceEvent[], context: LimitContext): LimitEvent[] {
  const { lifetimes, fallback } = context;
  const resources = run.resources;
  const execs = lastExecs(events);
  const byPackage = (pids: readonly number[]): number[] => pids.filter((pid) => execs.get(pid)?.attribution.via !== 'package-manager');
  const lastPackageProcess = [...execs.values()].filter((exec) => exec.attribution.via !== 'package-manager').at(-1);
  const blame = (pids: readonly number[]): { pid: number; attribution: Attribution } => {
    const pid = byPackage(pids)[0];
    const attribution = (pid === undefined ? undefined : execs.get(pid)?.attribution) ?? lastPackageProcess?.attribution ?? fallback;
    return { pid: pid ?? 0, attribution };
  };
  const out: LimitEvent[] = [];
  const push = (limit: LimitKind, detail: string, pids: readonly number[] = []): void => {
    const { pid, attribution } = blame(pids);
    out.push({ kind: 'limit', limit, detail, phase: run.name, pid, timestampMs: run.startedAtMs + run.durationMs, attribution, ok: false });
  };

  const survivors = lifetimes.survivors.filter((pid) => pid !== lifetimes.rootPid);
  if (run.status === 'timeout') {
    const end = lifetimes.rootEnd;
    if (end !== null && survivors.length > 0) {
      const how = 'exitCode' in end ? `exited with ${end.exitCode}` : `was killed by ${end.signal}`;
      push('detached', `the phase's command ${how}, but ${named(byPackage(survivors).length > 0 ? byPackage(survivors) : survivors, execs)} kept running until the time limit (${seconds(run.durationMs)})`, survivors);
    } else {
      const still = byPackage(lifetimes.survivors);
      push('time', `still running after ${seconds(run.durationMs)}, then killed${still.length > 0 ? `: ${named(still, execs)}` : ''}`, still);
    }
  }
  const refused = Math.max(resources?.pidsRefused ?? 0, lifetimes.forkFailures);
  if (refused > 0) {
    const limit = resources ? `the limit of ${resources.pidsLimit} processes` : 'the process limit';
    push('processes', `reached ${limit}: ${refused} fork(s) refused`, survivors);
  }
  if (!resources) return out;
  if (resources.oomKills > 0) {
    const victims = lifetimes.killed.length > 0 ? ` (${named(lifetimes.killed, execs)})` : '';
    push('memory', `reached the memory limit of ${mib(resources.memoryLimitBytes)}: the kernel killed ${resources.oomKills} process(es)${victims}`, lifetimes.killed);
  }
  for (const fs of resources.fullFilesystems) push('disk', `filled ${fs.path} (${mib(fs.sizeBytes)})`);
  if (resources.outputBytes > OUTPUT_FLOOD_BYTES) {
    push('output', `printed ${mib(resources.outputBytes)} on stdout and stderr (the first 64 KiB of each are kept)`);
  }
  if (resources.sandboxStopped) push('sandbox', 'the sandbox container stopped during the phase; later phases did not run');
  if (run.traceTruncated) push('trace', `the trace reached its size cap (${mib(TRACE_CAP_BYTES)}); what came after was not seen`);
  return out;
}

/** A package installed and loaded though its os/cpu exclude the sandbox (npm's check overridden). */
export function platformEvent(name: string, platform: string, timestampMs: number): LimitEvent {
  const detail = `${name} is built for ${platform}`;
  return { kind: 'limit', limit: 'platform', detail, phase: 'install', pid: 0, timestampMs, attribution: { package: name, via: 'lifecycle-script' }, ok: true };
}
