/**
 * SARIF 2.1.0 for GitHub code scanning (pure): one run, the policy's rules
 * with help text and a security-severity, one result per finding pointing at
 * the manifest or lockfile line that brings the package in (package.json
 * line 1 when nothing better is known: code scanning needs a file and a
 * line). Allowlisted findings are results with an external suppression.
 */
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { AllowedFinding, Finding, Severity } from '../events/finding.js';
import type { AnalysisReport, ReportRule } from './report-model.js';

/** Where in the user's repository the analyzed package comes from. */
export interface SarifLocation {
  /** Repository-relative path with forward slashes, e.g. `package-lock.json`. */
  readonly uri: string;
  readonly line: number;
}

export interface SarifOptions {
  readonly location?: SarifLocation;
}

/** What SARIF needs of a report: the package, its judged findings and the rules behind them. */
export type SarifSource = Pick<AnalysisReport, 'tool' | 'package' | 'verdict' | 'failOn' | 'findings' | 'allowed' | 'rules'> & { readonly startedAt?: string };

const LEVELS: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.0', low: '2.0' };
const MAX_EVIDENCE_IN_MESSAGE = 5;

function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

function rulesOf(report: SarifSource, findings: readonly Finding[]): ReportRule[] {
  const known = new Map((report.rules ?? []).map((rule) => [rule.id, rule]));
  for (const finding of findings) {
    if (!known.has(finding.rule)) {
      known.set(finding.rule, { id: finding.rule, category: finding.category, severity: finding.severity, message: finding.summary, rationale: finding.summary });
    }
  }
  return [...known.values()].filter((rule) => findings.some((finding) => finding.rule === rule.id));
}

function descriptor(rule: ReportRule): ReportingDescriptor {
  const help = `${rule.rationale}\n\nCategory: ${rule.category}. Default severity: ${rule.severity}. Reported by dynaudit when a package's install scripts or its import do this in the sandbox.`;
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: `${rule.category}: ${rule.message.replace(/\{[a-z]+\}/g, '…')}` },
    fullDescription: { text: rule.rationale },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { tags: ['security', 'supply-chain', rule.category], precision: 'high', 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

function fingerprint(report: SarifSource, finding: Finding): string {
  const key = [finding.rule, report.package.name, finding.phase, finding.attribution.package ?? '', finding.summary].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function result(report: SarifSource, finding: Finding | AllowedFinding, ruleIndex: number, location: SarifLocation): Result {
  const pkg = `${report.package.name}@${report.package.version}`;
  const actor = finding.attribution.package === null ? 'npm' : `${finding.attribution.package} (${finding.attribution.via})`;
  const evidence = finding.evidence.slice(0, MAX_EVIDENCE_IN_MESSAGE).map((line) => `- ${line}`);
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: { text: [`${pkg}: ${finding.summary} (${finding.phase} phase, by ${actor}).`, ...evidence].join('\n') },
    locations: [{ physicalLocation: { artifactLocation: { uri: location.uri }, region: { startLine: location.line } } }],
    partialFingerprints: { 'dynauditFinding/v1': fingerprint(report, finding) },
    properties: { severity: finding.severity, phase: finding.phase, package: report.package.name, version: report.package.version, evidence: [...finding.evidence] },
    ...('allowedBy' in finding ? { suppressions: [{ kind: 'external', status: 'accepted', justification: finding.allowedBy.reason }] } : {}),
  };
}

export function sarifLog(report: SarifSource, options: SarifOptions = {}): Log {
  const location = options.location ?? { uri: 'package.json', line: 1 };
  const all: (Finding | AllowedFinding)[] = [...report.findings, ...(report.allowed ?? [])];
  const rules = rulesOf(report, all);
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dynaudit', version: report.tool.version, semanticVersion: report.tool.version, rules: rules.map(descriptor) } },
        automationDetails: { id: `dynaudit/${report.package.name}/` },
        invocations: [{ executionSuccessful: true, ...(report.startedAt ? { startTimeUtc: report.startedAt } : {}) }],
        results: all.map((finding) => result(report, finding, index.get(finding.rule) ?? 0, location)),
        properties: { verdict: report.verdict, failOn: report.failOn, package: { ...report.package } },
      },
    ],
  };
}

export function formatSarif(report: SarifSource, options: SarifOptions = {}): string {
  return `${JSON.stringify(sarifLog(report, options), null, 2)}\n`;
}
