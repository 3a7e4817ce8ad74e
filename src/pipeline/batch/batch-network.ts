/**
 * The fake internet of a batch: what it caught, merged into the events of
 * every package in the one sandbox, and handed back per package. Before the
 * network stage each event's attribution names its owners (the lockfile ids
 * of the packages it belongs to) instead of a package name, so what the
 * stage derives from an event (HTTP, TLS, exfiltration) keeps its owners;
 * afterwards every owner gets its events back under its own name. Traffic
 * the trace did not see goes to the package whose window (install script
 * or import) was open when it happened, or to none when that is not one.
 * Files holding a planted secret (searched after each chunk) mark the
 * writes that made them, and so the packages that wrote them.
 */
import type { Attribution, PhaseName, TraceEvent } from '../../events/types.js';
import type { Honeytokens } from '../../honeytokens/index.js';
import type { FakenetReport } from '../../report/report-model.js';
import type { FileHit } from '../../sandbox/file-scan.js';
import type { NetworkCapture, PhaseRun } from '../../sandbox/sandbox.js';
import { fakenetOutcome, type FakenetPlan } from '../network/fakenet-stage.js';
import type { Progress } from '../progress.js';
import { appendAll } from '../../common/append-all.js';

/** An event and the ids of the packages whose doing it is (none: npm's own, or nobody's). */
export interface OwnedEvent {
  readonly event: TraceEvent;
  readonly owners: readonly string[];
}

/** Where one package was active, for traffic the trace did not see. */
export interface OwnerWindow {
  readonly id: string;
  readonly phase: PhaseName;
  readonly startMs: number;
  readonly endMs: number;
}

export interface BatchNetworkOptions {
  readonly plan: FakenetPlan;
  readonly honeytokens: Honeytokens;
  /** Where the capture is kept (`--artifacts`): the folder of the batch. */
  readonly artifacts?: { readonly dir: string; readonly folder: string };
  readonly progress: Progress;
}

export interface BatchNetworkResult {
  /** Every event of the batch so far in time order, under package names again, with its owners. */
  readonly events: readonly OwnedEvent[];
  /** Package events no package could be charged with (traffic outside every window, or inside several). */
  readonly unowned: readonly TraceEvent[];
  readonly report: FakenetReport;
}

const TAG = '\u0000owners:';
const UNATTRIBUTED = '\u0000unattributed';
const tag = (owners: readonly string[]): string => `${TAG}${JSON.stringify([...owners].sort())}`;
const ownersOf = (attribution: Attribution): string[] | null =>
  attribution.package?.startsWith(TAG) ? (JSON.parse(attribution.package.slice(TAG.length)) as string[]) : null;

/** Collects a batch's runs and owned events; `analyze` merges in what the fake internet caught so far. */
export class BatchNetwork {
  private readonly runs: PhaseRun[] = [];
  private readonly owned: OwnedEvent[] = [];
  private readonly windows: OwnerWindow[] = [];

  constructor(
    private readonly options: BatchNetworkOptions,
    /** The package name of each id, to put back in attributions. */
    private readonly names: ReadonlyMap<string, string>,
  ) {}

  add(runs: readonly PhaseRun[], events: readonly OwnedEvent[], windows: readonly OwnerWindow[]): void {
    appendAll(this.runs, runs);
    appendAll(this.owned, events);
    appendAll(this.windows, windows);
  }

  /**
   * Everything added so far with the capture merged in (the capture holds
   * all traffic since the sandbox started), and the files found holding a
   * planted secret marked on the writes that made them.
   */
  async analyze(capture: NetworkCapture | null, staged: readonly FileHit[]): Promise<BatchNetworkResult> {
    const tagged = this.owned.map(({ event, owners }) =>
      owners.length === 0 ? event : { ...event, attribution: { ...event.attribution, package: tag(owners) } },
    );
    const outcome = await fakenetOutcome(
      {
        plan: this.options.plan,
        events: tagged,
        runs: this.runs,
        capture,
        staged,
        honeytokens: this.options.honeytokens,
        fallbackAttribution: (phase, timestampMs) => this.fallback(phase, timestampMs),
        ...(this.options.artifacts ? { artifacts: this.options.artifacts } : {}),
      },
      this.options.progress,
    );
    const events: OwnedEvent[] = [];
    const unowned: TraceEvent[] = [];
    for (const event of outcome.events) {
      const owners = ownersOf(event.attribution);
      if (owners === null) {
        if (event.attribution.package === UNATTRIBUTED) unowned.push(event);
        else events.push({ event, owners: [] });
        continue;
      }
      // Owners of one event share a name (several versions of it, told apart by folder).
      events.push({ event: { ...event, attribution: { ...event.attribution, package: this.names.get(owners[0] ?? '') ?? null } }, owners });
    }
    return { events, unowned, report: outcome.report };
  }

  private fallback(phase: PhaseName, timestampMs: number): Attribution {
    const via = phase === 'install' ? 'lifecycle-script' : 'import';
    const open = this.windows.filter((window) => window.phase === phase && window.startMs <= timestampMs && timestampMs <= window.endMs);
    return { package: open.length === 1 ? tag([open[0]!.id]) : UNATTRIBUTED, via };
  }
}
