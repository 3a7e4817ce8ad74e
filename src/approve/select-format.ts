/**
 * The approval format of the detected manager, in the dialect its version
 * reads (pure). pnpm: `allowBuilds` from 10.26 (and in 11, where `false`
 * wins), the onlyBuilt/ignoredBuilt lists for 10.19-10.25 (earlier ones
 * cannot pin versions); without a version, what the workspace file already
 * uses, else `allowBuilds`. npm before 11.16 does not read allowScripts.
 */
import semver from 'semver';
import { DynauditError } from '../common/errors.js';
import type { DetectedManager } from './detect-manager.js';
import { bunFormat } from './formats/bun-trusted.js';
import { lavamoatFormat } from './formats/lavamoat-allow-scripts.js';
import { npmFormat } from './formats/npm-allow-scripts.js';
import { pnpmFormat, type PnpmDialect } from './formats/pnpm-builds.js';
import { yarnFormat } from './formats/yarn-dependencies-meta.js';
import type { ApprovalFormat, ProjectFiles } from './types.js';
import { parseYamlText } from './yaml-text.js';

export function pnpmDialect(version: string | null, workspace: string | null): PnpmDialect {
  if (version === null) {
    const doc = parseYamlText(workspace, 'pnpm-workspace.yaml');
    const lists = !doc.has('allowBuilds') && (doc.has('onlyBuiltDependencies') || doc.has('ignoredBuiltDependencies'));
    return lists ? { setting: 'lists', denyWins: false } : { setting: 'allowBuilds', denyWins: true };
  }
  const major = semver.major(version);
  if (major >= 11) return { setting: 'allowBuilds', denyWins: true };
  if (semver.gte(version, '10.26.0')) return { setting: 'allowBuilds', denyWins: false };
  if (semver.gte(version, '10.19.0')) return { setting: 'lists', denyWins: false };
  throw new DynauditError('E_PROJECT', `pnpm ${version} cannot approve builds by version (pnpm 10.19 pins versions in onlyBuiltDependencies, 10.26 reads allowBuilds): upgrade pnpm`);
}

export interface SelectedFormat {
  readonly format: ApprovalFormat;
  /** What the user should know about the manager's version. */
  readonly notes: readonly string[];
}

export function selectFormat(detected: DetectedManager, files: ProjectFiles): SelectedFormat {
  switch (detected.manager) {
    case 'npm': {
      const old = detected.version !== null && semver.lt(detected.version, '11.16.0');
      return { format: npmFormat, notes: old ? [`npm ${detected.version} does not read allowScripts (npm 11.16 warns, npm 12 enforces it)`] : [] };
    }
    case 'pnpm':
      return { format: pnpmFormat(pnpmDialect(detected.version, files['pnpm-workspace.yaml'])), notes: [] };
    case 'bun':
      return { format: bunFormat, notes: [] };
    case 'yarn':
      return { format: yarnFormat, notes: detected.version?.startsWith('1.') ? [`yarn ${detected.version} ignores dependenciesMeta (yarn 2+ reads it)`] : [] };
    case 'lavamoat':
      return { format: lavamoatFormat, notes: [] };
  }
}
