/** Where approve gets verdicts from: a small interface, so the analysis behind it can change. */
import type { LockfileEntryReport } from '../report/lockfile-model.js';
import type { ScriptedPackage } from './types.js';

/** A package's report, or why the analysis left it out (e.g. built for another platform). */
export type VerdictOutcome = LockfileEntryReport | { readonly skipped: string };

export interface VerdictSource {
  /** Each package's outcome by ScriptedPackage id (from the result store when there is one, else analyzed); absent: nothing is known. */
  verdicts(lockfile: string, packages: readonly ScriptedPackage[]): Promise<ReadonlyMap<string, VerdictOutcome>>;
}
