/**
 * Where finished analyses are kept between runs. An analysis is stored with
 * its events (not only a verdict), so a changed policy re-judges it without
 * running a sandbox again. sqlite-result-store.ts implements it.
 */
import type { TraceEvent } from '../events/types.js';
import type { AnalysisReport, FakenetReport, ReportPhase } from '../report/report-model.js';

/** The network the sandbox had: the fake internet, or none at all (`--no-fakenet`, gVisor). */
const NETWORK_MODES = ['fakenet', 'none'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

/** What makes a stored analysis valid: the same tarball, analyzer build, sandbox and network. */
export interface StoreKey {
  /** Normalised integrity (see integrityKey). */
  readonly integrity: string;
  /** The analyzer's version and a hash of its code (see analyzerVersion). */
  readonly analyzerVersion: string;
  /** Sandbox image tag; it carries a content hash of the image's inputs. */
  readonly image: string;
  readonly runtime: string;
  readonly network: NetworkMode;
  /** The phases run, comma-separated in order (e.g. `install,import,execute`): another set of phases is another analysis. */
  readonly phases: string;
}

/**
 * `package`: only the package's own doings (its install scripts and its
 * import), as analyzed from a lockfile. `tree`: `dynaudit analyze`'s view,
 * the install of its whole dependency tree included.
 */
export type AnalysisScope = 'package' | 'tree';

export interface StoredAnalysis {
  readonly key: StoreKey;
  readonly scope: AnalysisScope;
  readonly name: string;
  readonly version: string;
  /** The full SRI string the package was analyzed under. */
  readonly integrity: string;
  readonly source: string;
  readonly phases: readonly ReportPhase[];
  readonly events: readonly TraceEvent[];
  readonly installScripts: readonly { readonly name: string; readonly version: string }[];
  /** Name and version of every other package whose doings the events may hold (policy allowlists match on them). */
  readonly versions: readonly { readonly name: string; readonly version: string }[];
  readonly startedAt: string;
  readonly durationMs: number;
  /** The fake internet's section of the report (what it recorded, where its capture was kept). */
  readonly fakenet: FakenetReport;
}

export interface ResultStore {
  /** The stored analysis for the key, trying the scopes in order. */
  get(key: StoreKey, scopes: readonly AnalysisScope[]): StoredAnalysis | undefined;
  /** Stores (or replaces) an analysis atomically, also under the extra integrity keys given. */
  put(analysis: StoredAnalysis, alsoUnder?: readonly string[]): void;
  /** The report judged from the analysis stored under the key with the same judge key (policy, failOn, package); replaced analyses drop theirs. */
  getJudged(key: StoreKey, judgeKey: string): AnalysisReport | undefined;
  /** Keeps a judged report beside its analysis. */
  putJudged(key: StoreKey, judgeKey: string, report: AnalysisReport): void;
  close(): void;
}
