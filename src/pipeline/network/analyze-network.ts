/**
 * From a run's traced events and what the fake internet caught, to the
 * events the policy judges (async only to read the pcap): file opens of
 * honeytoken files are marked, the sink's and the pcap's records are merged
 * in (names, bytes, HTTP, TLS), and every honeytoken found in what was sent
 * (a planted one, or a secret the execute phase handed to a call) becomes an
 * exfiltration event. DNS names are searched even without the
 * fake internet (the trace decodes them).
 */
import type { Attribution, PhaseName, TraceEvent } from '../../events/types.js';
import {
  crossCheck,
  mergeByTime,
  networkEvidence,
  parseSinkLog,
  pcapObservations,
  readPcap,
  type PhaseWindow,
  type SinkLog,
} from '../../fakenet/index.js';
import {
  callSecretTokens,
  detectExfiltration,
  markHandedHoneytokens,
  markStagedHoneytokens,
  markTouchedHoneytokens,
  stagingNeedles,
  type Honeytokens,
} from '../../honeytokens/index.js';
import type { FakenetReport } from '../../report/index.js';
import { CAPTURE_BYTES, DNS_ENDPOINT, SINK_ENDPOINT } from '../../sandbox/fakenet-layout.js';
import type { FileHit } from '../../sandbox/file-scan.js';
import type { NetworkCapture, PhaseRun } from '../../sandbox/sandbox.js';
import { HOME_DIR } from '../../sandbox/sandbox-layout.js';

export interface NetworkAnalysisInput {
  readonly events: readonly TraceEvent[];
  readonly runs: readonly PhaseRun[];
  readonly capture: NetworkCapture | null;
  /** Files found holding a honeytoken after the phases. */
  readonly staged?: readonly FileHit[];
  readonly honeytokens: Honeytokens;
  /** Who is charged with traffic the trace did not see (see packageFallback). */
  readonly fallbackAttribution: (phase: PhaseName, timestampMs: number) => Attribution;
}

export interface NetworkAnalysis {
  readonly events: TraceEvent[];
  readonly fakenet: Omit<FakenetReport, 'enabled' | 'reason' | 'artifacts'> | null;
}

const EMPTY_SINK: SinkLog = { dns: [], tcp: [], dropped: 0, invalidLines: 0 };

/** One analyzed package is charged with all unseen traffic: as its install scripts' doing at install, as its import's after. */
export function packageFallback(packageName: string): (phase: PhaseName, timestampMs?: number) => Attribution {
  return (phase) => (phase === 'install' ? { package: packageName, via: 'lifecycle-script' } : { package: packageName, via: 'import' });
}

export async function analyzeNetwork(input: NetworkAnalysisInput): Promise<NetworkAnalysis> {
  const phases: PhaseWindow[] = input.runs.map((run) => ({ name: run.name, startMs: run.startedAtMs, endMs: run.startedAtMs + run.durationMs }));
  const { tokens, files } = input.honeytokens;
  const last = phases.at(-1) ?? { name: 'install' as const, endMs: 0 };
  const marked = markStagedHoneytokens(markHandedHoneytokens(markTouchedHoneytokens(input.events, files, HOME_DIR), tokens), input.staged ?? [], {
    needles: stagingNeedles(tokens),
    baitFiles: files,
    homeDir: HOME_DIR,
    fallback: { attribution: input.fallbackAttribution(last.name, last.endMs), phase: last.name, timestampMs: last.endMs },
  });
  const sink = input.capture ? parseSinkLog(input.capture.sinkLog) : EMPTY_SINK;
  const capture = input.capture ? await readPcap(input.capture.pcap) : null;
  const pcap = capture ? pcapObservations(capture, { capBytes: CAPTURE_BYTES }) : null;
  const evidence = networkEvidence({ events: marked, sink, pcap, phases, fallbackAttribution: input.fallbackAttribution });
  const exfiltration = detectExfiltration(evidence.samples, [...tokens, ...callSecretTokens(input.honeytokens.callSecrets)]);
  const events = mergeByTime(evidence.events, exfiltration);
  if (!input.capture || !pcap) return { events, fakenet: null };
  const check = crossCheck(sink, pcap, SINK_ENDPOINT, DNS_ENDPOINT);
  const problems = [...input.capture.problems, ...(capture?.problem ? [`pcap: ${capture.problem}`] : [])];
  return {
    events,
    fakenet: {
      dnsQueries: sink.dns.length,
      connections: sink.tcp.length,
      packets: pcap.packets,
      crossCheck: { consistent: check.consistent, problems: check.problems },
      ...(problems.length > 0 ? { problems } : {}),
    },
  };
}
