/**
 * Which packages of a lockfile run get the execute phase, and so the phases
 * each is keyed, stored and reported under (pure). Isolated mode analyzes
 * each package as `analyze` does: every configured phase. Batch mode
 * installs and imports every package, and calls what a package exposes
 * only for the project's direct dependencies: those are what the app calls
 * (a deeper dependency's functions are called by its dependants, inside
 * their execute phase, as an app's calls would reach them).
 */
import type { LockfileGraph, LockPackage } from '../../lockfile/types.js';
import type { SandboxIdentity } from '../session/sandbox-identity.js';
import type { LockfileMode } from './lockfile-run.js';

const PHASE_SEPARATOR = ',';

/** Ids of the packages whose execute phase runs (none when the run's phases have no execute). */
export function executedPackages(graph: LockfileGraph, identity: SandboxIdentity, mode: LockfileMode): ReadonlySet<string> {
  if (!identity.phases.split(PHASE_SEPARATOR).includes('execute')) return new Set();
  return new Set(mode === 'isolated' ? graph.packages.map((pkg) => pkg.id) : graph.roots.map((edge) => edge.target));
}

/** The sandbox identity a package's analysis is stored under: the run's, without the execute phase when it does not run for the package. */
export function packageIdentity(identity: SandboxIdentity, executed: ReadonlySet<string>, pkg: LockPackage): SandboxIdentity {
  if (executed.has(pkg.id)) return identity;
  return { ...identity, phases: identity.phases.split(PHASE_SEPARATOR).filter((phase) => phase !== 'execute').join(PHASE_SEPARATOR) };
}
