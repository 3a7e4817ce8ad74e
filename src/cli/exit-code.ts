/** The exit-code contract (DESIGN.md): 0 pass or warn, 1 fail, 2 the analysis could not be done. */
import type { Verdict } from '../events/finding.js';

export const EXIT_ANALYSIS_ERROR = 2;

export function exitCodeFor(verdict: Verdict): number {
  if (verdict === 'fail') return 1;
  if (verdict === 'error') return EXIT_ANALYSIS_ERROR;
  return 0;
}
