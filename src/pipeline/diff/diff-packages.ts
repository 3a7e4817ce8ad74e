/**
 * `dynaudit diff <name@a> <name@b>`: each version's tree resolved from the
 * registry and run as a lockfile (what the store has costs a read, the
 * rest is analyzed), then what one tree does and the other does not
 * (src/diff/diff-versions.ts).
 */
import path from 'node:path';
import { DynauditError } from '../../common/errors.js';
import { diffVersions, type VersionView } from '../../diff/diff-versions.js';
import type { DiffReport } from '../../report/diff-model.js';
import { parseSpec } from '../../resolve/index.js';
import { createPacoteClient, type RegistryClient } from '../../resolve/registry-client.js';
import { resolveRegistryRoot } from '../../resolve/resolve-registry-root.js';
import type { LockfileOptions } from '../lockfile/lockfile-run.js';
import { configuredPolicies } from '../policy-access.js';
import { analyzeRelease, type RunsDependencies } from '../release/analyze-release.js';
import { sandboxIdentity, type SandboxIdentity } from '../session/sandbox-identity.js';
import { judgedPackages, packageView, storedBehaviour, versionView } from './judged-tree.js';

async function releaseView(raw: string, client: RegistryClient, identity: SandboxIdentity, options: LockfileOptions, deps: RunsDependencies): Promise<VersionView> {
  const spec = parseSpec(raw, options.cwd);
  if (spec.kind !== 'registry') throw new DynauditError('E_BAD_SPEC', `diff compares registry versions (name@version), not the ${spec.kind} ${raw}`);
  const root = await resolveRegistryRoot(spec, client);
  const label = `${root.name}@${root.version}`;
  const run = await analyzeRelease(root.name, root.version, options, { ...deps, progress: deps.progress.run(label) });
  const pkg = run.graph.packages.find((candidate) => candidate.name === root.name && candidate.version === root.version);
  if (!pkg) throw new DynauditError('E_RESOLVE', `the dependency tree of ${label} does not hold ${label} itself`);
  const packages = judgedPackages(run.report, run.graph, identity).map((judged) => packageView(judged, storedBehaviour(deps.store, judged)));
  return versionView(pkg, packages, run.report.summary.analyzed === 0 && run.report.summary.error === 0);
}

export async function diffPackages(from: string, to: string, options: LockfileOptions, deps: RunsDependencies): Promise<DiffReport> {
  const { config } = deps;
  const policy = await configuredPolicies(config);
  const identity = await sandboxIdentity(config);
  const client = createPacoteClient({ cacheDir: path.join(config.workDir, 'manifest-cache'), ...(config.registry ? { registry: config.registry } : {}) });
  const before = await releaseView(from, client, identity, options, deps);
  const after = await releaseView(to, client, identity, options, deps);
  return diffVersions(before, after, options.failOn ?? policy.failOn, identity.analyzerVersion);
}
