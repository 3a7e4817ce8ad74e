/** Builders for approve's unit tests: scripted packages, decisions and project files. */
import type { Action, Decision, ProjectFiles, ScriptedPackage, ScriptVerdict } from '../../../src/approve/types.js';

export function pkg(name: string, version = '1.0.0', pathName = name): ScriptedPackage {
  return { id: `${name}@${version}`, name, version, path: pathName };
}

export function decision(action: Action, name: string, version = '1.0.0', verdict?: ScriptVerdict): Decision {
  const fallback = { approve: 'pass', deny: 'fail', review: 'warn' } as const;
  return { pkg: pkg(name, version), action, verdict: verdict ?? fallback[action], reasons: [] };
}

export function files(packageJson: string | Record<string, unknown>, more: Partial<ProjectFiles> = {}): ProjectFiles {
  return {
    'package.json': typeof packageJson === 'string' ? packageJson : `${JSON.stringify(packageJson, null, 2)}\n`,
    lockfile: { name: 'package-lock.json', text: '{}' },
    'pnpm-workspace.yaml': null,
    '.yarnrc.yml': null,
    ...more,
  };
}
