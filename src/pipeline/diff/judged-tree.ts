/**
 * A lockfile run as the diff and the sweep read it: each package of the
 * graph with its judged report, and what it did as comparable sets (its
 * stored events read back once; see src/diff/behaviour.ts).
 */
import { behaviourOf } from '../../diff/behaviour.js';
import type { PackageView, VersionView } from '../../diff/diff-versions.js';
import type { LockfileGraph, LockPackage } from '../../lockfile/types.js';
import type { Behaviour } from '../../report/diff-model.js';
import type { LockfileEntryReport, LockfileReport } from '../../report/lockfile-model.js';
import { HOME_DIR, PROJECT_DIR } from '../../sandbox/sandbox-layout.js';
import { integrityKey } from '../../store/integrity-key.js';
import type { ResultStore } from '../../store/result-store.js';
import { executedPackages, packageIdentity } from '../lockfile/lockfile-phases.js';
import { lookupPackage } from '../lockfile/lockfile-store.js';
import type { SandboxIdentity } from '../session/sandbox-identity.js';

export interface JudgedPackage {
  readonly pkg: LockPackage;
  readonly report: LockfileEntryReport;
  /** The sandbox identity its analysis is stored under (lockfile-phases.ts). */
  readonly identity: SandboxIdentity;
}

const EMPTY: Behaviour = { hosts: [], dnsNames: [], processes: [], filesWritten: [], credentialsRead: [], installScripts: [] };

/** The graph's packages that the run (under `identity`) reported on, each with its report. */
export function judgedPackages(report: LockfileReport, graph: LockfileGraph, identity: SandboxIdentity): JudgedPackage[] {
  const executed = executedPackages(graph, identity, report.mode);
  const byVersion = new Map<string, LockfileEntryReport[]>();
  for (const entry of report.reports) {
    const key = `${entry.package.name}@${entry.package.version}`;
    byVersion.set(key, [...(byVersion.get(key) ?? []), entry]);
  }
  return graph.packages.flatMap((pkg) => {
    const candidates = byVersion.get(`${pkg.name}@${pkg.version}`) ?? [];
    const entry = candidates.find((candidate) => pkg.integrity !== null && integrityKey(candidate.package.integrity) === integrityKey(pkg.integrity)) ?? candidates[0];
    return entry ? [{ pkg, report: entry, identity: packageIdentity(identity, executed, pkg) }] : [];
  });
}

/** Identity of the analysis a report was judged from: the same one means the same events. */
export function analysisIdentity(judged: JudgedPackage): string {
  if (!('findings' in judged.report)) return '';
  const { analyzerVersion, image, runtime, network } = judged.identity;
  return [integrityKey(judged.report.package.integrity), analyzerVersion, image, runtime, network, judged.report.startedAt].join(' ');
}

/** What the package did, from its stored events (nothing for a package that could not be analyzed). */
export function storedBehaviour(store: ResultStore, judged: JudgedPackage): Behaviour {
  if (!('findings' in judged.report)) return EMPTY;
  const stored = lookupPackage(store, judged.pkg, judged.report.package.integrity, judged.identity);
  return stored ? behaviourOf(stored.events, judged.pkg.name, { homeDir: HOME_DIR, projectDir: PROJECT_DIR }) : EMPTY;
}

export function packageView(judged: JudgedPackage, behaviour: Behaviour): PackageView {
  const { report, pkg } = judged;
  return { name: pkg.name, version: pkg.version, verdict: report.verdict, findings: 'findings' in report ? report.findings : [], behaviour };
}

export function versionView(root: LockPackage, packages: readonly PackageView[], stored: boolean): VersionView {
  return { name: root.name, version: root.version, integrity: root.integrity ?? '', stored, packages };
}
