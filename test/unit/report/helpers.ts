/** A complete report to format, with parts a test can replace. */
import type { Finding } from '../../../src/events/finding.js';
import type { AnalysisReport } from '../../../src/report/report-model.js';

const INTEGRITY = 'sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'network-connect',
    category: 'network',
    severity: 'high',
    phase: 'install',
    summary: 'opens a network connection to tcp 203.0.113.5:443',
    evidence: ['pid 201 connect tcp 203.0.113.5:443'],
    attribution: { package: 'evil', via: 'lifecycle-script' },
    ...overrides,
  };
}

export function report(overrides: Partial<AnalysisReport> = {}): AnalysisReport {
  return {
    schemaVersion: 1,
    tool: { name: 'dynaudit', version: '0.1.0' },
    package: { name: 'evil', version: '1.0.0', integrity: INTEGRITY, source: 'registry' },
    verdict: 'pass',
    failOn: 'high',
    phases: [
      { name: 'install', status: 'completed', durationMs: 2100, exitCode: 0 },
      { name: 'import', status: 'completed', durationMs: 300, exitCode: 0 },
    ],
    findings: [],
    observed: { processes: [], processesOmitted: 0, files: { reads: 0, writes: 0, writtenByPackages: [] }, network: [], dns: [] },
    installScripts: [],
    sandbox: { image: 'dynaudit-sandbox:test', runtime: 'runc' },
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 3000,
    ...overrides,
  };
}
