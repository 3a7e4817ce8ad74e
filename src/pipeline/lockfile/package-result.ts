/** What analyzing one package of a lockfile yields, before it is stored and judged. */
import type { TraceEvent } from '../../events/types.js';
import type { FakenetReport, ReportPhase } from '../../report/report-model.js';

export interface PackageResult {
  readonly phases: readonly ReportPhase[];
  /** The package's own doings (see own-events.ts). */
  readonly events: readonly TraceEvent[];
  readonly hasInstallScript: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  /** The sha512 SRI it was analyzed under, when it differs from the lockfile's. */
  readonly integrity?: string;
  /** The fake internet of the sandbox it was analyzed in. */
  readonly fakenet: FakenetReport;
  /**
   * Set when it was analyzed in a batch with other packages than its own
   * dependencies (what they did may show during its analysis): the ids of
   * the packages imported before it in the same loader process, whose
   * deferred work (a timer, a require hook) may have run during its import.
   */
  readonly sharedBatch?: { readonly loadedBefore: readonly string[] };
}

/** Called as soon as one package is done, so it can be stored before the next one starts. */
export type ResultSink = (id: string, result: PackageResult) => void;
