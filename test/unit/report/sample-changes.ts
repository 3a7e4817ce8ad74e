/** A diff and a sweep (one failing new release, one new package, a known failure, hostile strings) for the formatter tests. */
import type { DiffReport } from '../../../src/report/diff-model.js';
import type { SweepReport } from '../../../src/report/sweep-model.js';
import { HOSTILE } from './sample-report.js';
import { finding, report } from './helpers.js';

const NOTHING = { hosts: [], dnsNames: [], processes: [], filesWritten: [], credentialsRead: [], installScripts: [] };
const BEACON = finding({ rule: 'http-request', summary: 'sends an HTTP request GET http://beacon.example/x', attribution: { package: 'lib', via: 'lifecycle-script' } });

export function sampleDiff(overrides: Partial<DiffReport> = {}): DiffReport {
  return {
    schemaVersion: 1,
    kind: 'diff',
    tool: { name: 'dynaudit', version: '0.1.0' },
    from: { name: 'lib', version: '1.0.0', integrity: 'sha512-a', verdict: 'pass', packages: 1, stored: true },
    to: { name: 'lib', version: '1.0.1', integrity: 'sha512-b', verdict: 'fail', packages: 2, stored: false },
    failOn: 'high',
    verdict: 'fail',
    added: {
      ...NOTHING,
      hosts: ['beacon.example'],
      processes: [`node beacon.js ${HOSTILE}`],
      installScripts: ['node beacon.js'],
      findings: [{ ...BEACON, package: 'lib@1.0.1' }],
      dependencies: ['helper@2.0.0'],
    },
    removed: { ...NOTHING, dnsNames: ['old.example'], findings: [], dependencies: [] },
    ...overrides,
  };
}

export function sampleSweep(): SweepReport {
  const failing = { ...report({ verdict: 'fail', findings: [finding({ attribution: { package: 'evil', via: 'lifecycle-script' } })] }), cached: true };
  const passing = { ...report({ package: { name: 'fresh', version: '2.0.0', integrity: 'sha512-f', source: 'registry' } }), cached: false };
  const summary = { packages: 2, analyzed: 1, cached: 1, pass: 1, warn: 0, fail: 1, error: 0, skipped: 0, unattributed: 0, verdict: 'fail' as const, durationMs: 1 };
  return {
    schemaVersion: 1,
    kind: 'sweep',
    tool: { name: 'dynaudit', version: '0.1.0' },
    sweep: { file: '/repo/nightly.yaml', run: 'abc123', startedAt: '2026-01-02T00:00:00.000Z', resumed: false },
    failOn: 'high',
    summary: { projects: 1, packages: 2, analyzed: 1, cached: 1, fail: 2, error: 0, releases: 1, newFailures: 1, verdict: 'fail', durationMs: 2500 },
    newFailures: [{ project: 'web', kind: 'release', name: 'lib', version: '1.0.1', findings: [{ key: 'k', rule: 'http-request', severity: 'high', summary: BEACON.summary }] }],
    projects: [
      {
        name: 'web',
        lockfile: 'web/package-lock.json',
        comparedWith: { run: 'prev01', startedAt: '2026-01-01T00:00:00.000Z' },
        changes: {
          newPackages: [{ name: 'fresh', version: '2.0.0', verdict: 'pass', added: { ...NOTHING, hosts: [HOSTILE], findings: [] } }],
          newVersions: [],
          removedPackages: [{ name: 'gone', version: '0.1.0' }],
          verdictChanges: [],
          newBehaviour: [],
          newReleases: ['lib@1.0.1'],
        },
        releases: [
          { name: 'lib', locked: '1.0.0', version: '1.0.1', why: 'wanted', spec: '^1.0.0', dependant: null, published: '2026-01-01T12:00:00.000Z', isNew: true, verdict: 'fail', diff: sampleDiff() },
        ],
        report: { schemaVersion: 1, kind: 'lockfile', tool: { name: 'dynaudit', version: '0.1.0' }, lockfile: { path: 'web/package-lock.json', format: 'package-lock.json v3' }, mode: 'batch', summary, reports: [failing, passing], skipped: [], unattributed: [] },
      },
    ],
  };
}
