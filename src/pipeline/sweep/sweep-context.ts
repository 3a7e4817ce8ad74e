/** What one sweep run works with: its settings, history, the sandbox identity and how it reports progress. */
import type { Severity } from '../../events/finding.js';
import type { RegistryClient } from '../../resolve/registry-client.js';
import type { Owner } from '../../sandbox/owner.js';
import type { SweepHistory, SweepRun } from '../../store/sweep-history.js';
import type { SweepConfig } from '../../sweep/sweep-config.js';
import type { LockfileOptions } from '../lockfile/lockfile-run.js';
import type { RunsDependencies } from '../release/analyze-release.js';
import type { SandboxIdentity } from '../session/sandbox-identity.js';

export interface SweepDependencies extends RunsDependencies {
  readonly history: SweepHistory;
  /** Packuments for watch (the pacote client in production). */
  readonly registry: RegistryClient;
  /** This process, and how to tell that the process of an unfinished run is gone. */
  readonly owner: { readonly self: Owner; isGone(owner: Owner): boolean };
  readonly now: () => Date;
}

export interface SweepContext {
  readonly config: SweepConfig;
  readonly options: LockfileOptions;
  readonly deps: SweepDependencies;
  readonly run: SweepRun;
  readonly identity: SandboxIdentity;
  readonly failOn: Severity;
}
