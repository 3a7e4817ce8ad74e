/** What analyzing a package that did nothing yields (for tests of what happens to results). */
import type { LockPackage } from '../../../../src/lockfile/types.js';
import type { PackageResult } from '../../../../src/pipeline/lockfile/package-result.js';

export function cleanResult(pkg: LockPackage): PackageResult {
  return {
    phases: [{ name: 'install', status: 'completed', durationMs: 1, exitCode: 0 }],
    events: [],
    hasInstallScript: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    integrity: pkg.integrity ?? '',
    fakenet: { enabled: true },
  };
}
