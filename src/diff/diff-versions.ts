/**
 * The behavioural difference of two versions of a package (pure): each
 * version is the tree its install brings (the package and its
 * dependencies, each with its findings and behaviour); added and removed
 * are what one tree does that the other does not. `to` fails the diff when
 * it adds a finding at or above the fail threshold.
 */
import { severityRank, type Finding, type Severity, type Verdict } from '../events/finding.js';
import type { Behaviour, BehaviourChanges, DiffFinding, DiffReport, DiffSide } from '../report/diff-model.js';
import { overallVerdict } from '../report/lockfile-model.js';
import { addedBehaviour, isEmptyBehaviour, unionBehaviour } from './behaviour.js';
import { findingKey } from './finding-key.js';

/** One package of a version's tree, judged. */
export interface PackageView {
  readonly name: string;
  readonly version: string;
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  readonly behaviour: Behaviour;
}

export interface VersionView {
  readonly name: string;
  readonly version: string;
  readonly integrity: string;
  /** Every analysis of the tree came from the result store. */
  readonly stored: boolean;
  /** The package itself and every package of its tree. */
  readonly packages: readonly PackageView[];
}

function side(view: VersionView): DiffSide {
  return {
    name: view.name,
    version: view.version,
    integrity: view.integrity,
    verdict: overallVerdict(view.packages),
    packages: view.packages.length,
    stored: view.stored,
  };
}

function findingsOf(view: VersionView): DiffFinding[] {
  return view.packages.flatMap((pkg) => pkg.findings.map((finding) => ({ ...finding, package: `${pkg.name}@${pkg.version}` })));
}

function changes(from: VersionView, to: VersionView): BehaviourChanges {
  const known = new Set(findingsOf(from).map(findingKey));
  const ids = new Set(from.packages.map((pkg) => `${pkg.name}@${pkg.version}`));
  const findings = findingsOf(to)
    .filter((finding) => !known.has(findingKey(finding)))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return {
    ...addedBehaviour(unionBehaviour(from.packages.map((pkg) => pkg.behaviour)), unionBehaviour(to.packages.map((pkg) => pkg.behaviour))),
    findings,
    dependencies: to.packages
      .filter((pkg) => pkg.name !== to.name && !ids.has(`${pkg.name}@${pkg.version}`))
      .map((pkg) => `${pkg.name}@${pkg.version}`)
      .sort(),
  };
}

export function diffVersions(from: VersionView, to: VersionView, failOn: Severity, toolVersion: string): DiffReport {
  const added = changes(from, to);
  const removed = changes(to, from);
  const fails = added.findings.some((finding) => severityRank(finding.severity) >= severityRank(failOn));
  const addsAnything = added.findings.length > 0 || added.dependencies.length > 0 || !isEmptyBehaviour(added);
  return {
    schemaVersion: 1,
    kind: 'diff',
    tool: { name: 'dynaudit', version: toolVersion },
    from: side(from),
    to: side(to),
    failOn,
    verdict: fails ? 'fail' : addsAnything ? 'warn' : 'pass',
    added,
    removed,
  };
}
