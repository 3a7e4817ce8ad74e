/** Sweep records for tests: one package of project `web` with the given verdict, findings and hosts. */
import type { Verdict } from '../../../src/events/finding.js';
import type { SweepRecord } from '../../../src/store/sweep-history.js';

export function record(name: string, version: string, options: { verdict?: Verdict; hosts?: string[]; rules?: string[]; kind?: SweepRecord['kind'] } = {}): SweepRecord {
  return {
    project: 'web',
    kind: options.kind ?? 'locked',
    name,
    version,
    lockedVersion: options.kind === 'release' ? '1.0.0' : null,
    integrity: `sha512-${name}-${version}`,
    analysis: `${name}@${version}`,
    verdict: options.verdict ?? 'pass',
    findings: (options.rules ?? []).map((rule) => ({ key: `${name}|${rule}`, rule, severity: 'high', summary: `${rule} summary` })),
    behaviour: { hosts: options.hosts ?? [], dnsNames: [], processes: [], filesWritten: [], credentialsRead: [], installScripts: [] },
  };
}
