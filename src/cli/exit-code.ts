/**
 * The exit-code contract (DESIGN.md): 0 pass or warn, 1 fail, 2 the
 * analysis could not be done, 130 interrupted (Ctrl-C or SIGTERM).
 */
import type { Verdict } from '../events/finding.js';

export const EXIT_ANALYSIS_ERROR = 2;
export const EXIT_INTERRUPTED = 130;

export function exitCodeFor(verdict: Verdict): number {
  if (verdict === 'fail') return 1;
  if (verdict === 'error') return EXIT_ANALYSIS_ERROR;
  return 0;
}
