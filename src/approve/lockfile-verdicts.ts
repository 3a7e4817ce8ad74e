/** The VerdictSource of today's pipeline: `dynaudit lockfile`'s analysis (store first) of just the packages asked for. */
import { analyzeLockfile } from '../pipeline/lockfile/analyze-lockfile.js';
import type { LockfileDependencies, LockfileOptions } from '../pipeline/lockfile/lockfile-run.js';
import type { VerdictOutcome, VerdictSource } from './verdict-source.js';

export function lockfileVerdicts(options: Omit<LockfileOptions, 'only'>, deps: LockfileDependencies): VerdictSource {
  return {
    async verdicts(lockfile, packages) {
      const report = await analyzeLockfile(lockfile, { ...options, only: new Set(packages.map((pkg) => pkg.id)) }, deps);
      const found = new Map<string, VerdictOutcome>();
      for (const skip of report.skipped) found.set(`${skip.name}@${skip.version}`, { skipped: `not analyzed: ${skip.reason}` });
      for (const entry of report.reports) found.set(`${entry.package.name}@${entry.package.version}`, entry);
      return new Map(packages.flatMap((pkg) => (found.has(`${pkg.name}@${pkg.version}`) ? [[pkg.id, found.get(`${pkg.name}@${pkg.version}`)!]] : [])));
    },
  };
}
