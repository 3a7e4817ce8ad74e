/** A rich report (findings in two phases, an allowed finding, rules, a timeline, hostile strings) for the formatter tests. */
import type { AnalysisReport } from '../../../src/report/report-model.js';
import { finding, report } from './helpers.js';

export const HOSTILE = '<script>alert(1)</script>&"\'';

export function richReport(overrides: Partial<AnalysisReport> = {}): AnalysisReport {
  const script = { package: 'evil', via: 'lifecycle-script' } as const;
  return report({
    verdict: 'fail',
    findings: [
      finding(),
      finding({
        rule: 'credential-read',
        category: 'credential-access',
        severity: 'critical',
        summary: 'reads credentials at /home/runner/.npmrc',
        evidence: ['pid 202 open /home/runner/.npmrc (read)'],
      }),
      finding({
        rule: 'dns-query',
        category: 'dns',
        phase: 'import',
        summary: 'looks up x.example in DNS',
        evidence: ['pid 9 dns A x.example via 127.0.0.53'],
        attribution: { package: 'evil', via: 'import', call: 0, step: 'load', argument: 'require' },
      }),
    ],
    allowed: [
      {
        ...finding({ rule: 'install-script', category: 'spawn', severity: 'low', summary: 'runs an install script (node install.js)', evidence: [] }),
        allowedBy: { package: 'evil', version: '^1', reason: 'reviewed by the security team', source: 'team.yaml' },
      },
    ],
    rules: [
      { id: 'network-connect', category: 'network', severity: 'high', message: 'opens a network connection to {destination}', rationale: 'offline install' },
      { id: 'credential-read', category: 'credential-access', severity: 'critical', message: 'reads credentials at {path}', rationale: 'secrets' },
      { id: 'dns-query', category: 'dns', severity: 'high', message: 'looks up {name} in DNS', rationale: 'first step of a download' },
      { id: 'install-script', category: 'spawn', severity: 'low', message: 'runs an install script ({command})', rationale: 'scripts run code' },
    ],
    observed: {
      processes: [
        { phase: 'install', pid: 100, parentPid: null, argv: ['node', 'npm-cli.js', 'ci'], attribution: { package: null, via: 'package-manager' }, ok: true },
        { phase: 'install', pid: 200, parentPid: 100, argv: ['sh', '-c', 'node install.js'], attribution: script, ok: true },
        { phase: 'install', pid: 201, parentPid: 200, argv: ['node', 'install.js', HOSTILE], attribution: script, ok: true },
        { phase: 'install', pid: 202, parentPid: 201, argv: ['curl', 'http://x.example/'], attribution: script, ok: false, error: 'ENOENT' },
        { phase: 'import', pid: 9, parentPid: null, argv: ['node', 'load-package.mjs'], attribution: { package: 'evil', via: 'import' }, ok: true },
      ],
      processesOmitted: 0,
      files: { reads: 12, writes: 3, writtenByPackages: ['/tmp/x'] },
      network: [{ phase: 'install', pid: 201, address: '203.0.113.5', port: 443, protocol: 'tcp', attribution: script, ok: false, error: 'ENETUNREACH' }],
      dns: [{ phase: 'import', pid: 9, name: 'x.example', type: 'A', server: '127.0.0.53', attribution: { package: 'evil', via: 'import' } }],
    },
    installScripts: [{ name: 'evil', version: '1.0.0' }],
    timeline: [
      { phase: 'install', atMs: 0, kind: 'process', pid: 200, attribution: script, text: 'pid 200 exec /bin/sh: sh -c node install.js', rules: ['install-script'] },
      { phase: 'install', atMs: 120, kind: 'connect', pid: 201, attribution: script, text: 'pid 201 connect tcp 203.0.113.5:443', rules: ['network-connect'] },
      { phase: 'import', atMs: 15, kind: 'dns', pid: 9, attribution: { package: 'evil', via: 'import' }, text: `pid 9 dns A x.example ${HOSTILE}` },
    ],
    ...overrides,
  });
}
