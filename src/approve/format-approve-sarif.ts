/** `approve --check` as SARIF 2.1.0 (pure): one result per refused approval, at its line in the approvals file. */
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor } from 'sarif';
import type { ApproveReport, CheckProblem } from './approve-report.js';

const RULES: Record<CheckProblem['problem'], ReportingDescriptor> = {
  'approved-failing': {
    id: 'approved-failing-script',
    name: 'ApprovedFailingScript',
    shortDescription: { text: 'An install script is approved although its analysis fails' },
    fullDescription: { text: 'The project lets the package manager run this install script, but dynaudit saw it do what the policy fails (e.g. read credentials, reach the network).' },
    help: { text: 'Remove the approval (or deny it), or run `dynaudit approve` to rewrite the approvals from the verdicts.' },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'supply-chain'], 'security-severity': '9.0' },
  },
  'approved-unanalyzed': {
    id: 'approved-unanalyzed-script',
    name: 'ApprovedUnanalyzedScript',
    shortDescription: { text: 'An install script is approved but could not be analyzed' },
    fullDescription: { text: 'The project lets the package manager run this install script, but no analysis of this version exists and none could be made.' },
    help: { text: 'Analyze the package (dynaudit lockfile) or remove the approval.' },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'supply-chain'], 'security-severity': '7.0' },
  },
};

export function formatApproveSarif(report: ApproveReport): string {
  const problems = report.check?.problems ?? [];
  const kinds = [...new Set(problems.map((problem) => problem.problem))];
  const uri = [report.project, report.file].join('/').replace(/^\.\//, '');
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dynaudit', version: report.tool.version, semanticVersion: report.tool.version, rules: kinds.map((kind) => RULES[kind]) } },
        automationDetails: { id: 'dynaudit/approve-check/' },
        results: problems.map((problem) => ({
          ruleId: RULES[problem.problem].id,
          ruleIndex: kinds.indexOf(problem.problem),
          level: 'error' as const,
          message: { text: [`${problem.name}@${problem.version} is approved${problem.key ? ` ("${problem.key}")` : ''}; its verdict: ${problem.verdict}.`, ...problem.reasons.map((reason) => `- ${reason}`)].join('\n') },
          locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: problem.line ?? 1 } } }],
          partialFingerprints: { 'dynauditApproval/v1': createHash('sha256').update(`${problem.problem}\u0000${problem.name}@${problem.version}`).digest('hex').slice(0, 32) },
          properties: { package: problem.name, version: problem.version, verdict: problem.verdict, key: problem.key },
        })),
        properties: { manager: report.manager.name, passed: report.check?.passed ?? true },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
