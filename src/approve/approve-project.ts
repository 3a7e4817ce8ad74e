/**
 * `dynaudit approve`: the project's lockfile, its packages with install
 * scripts, their verdicts, and the manager's approvals written from them
 * (or, with --dry-run, only shown as a diff), or checked (--check).
 */
import path from 'node:path';
import { DynauditError } from '../common/errors.js';
import { analyzerVersion } from '../common/package-root.js';
import { parseLockfile } from '../lockfile/read-lockfile.js';
import type { ApproveEntry, ApproveMode, ApproveReport } from './approve-report.js';
import { checkApprovals } from './check-approvals.js';
import { decide } from './decide.js';
import { detectManager, type DetectedManager } from './detect-manager.js';
import { parseJsonText } from './json-text.js';
import type { ProjectIo } from './project-io.js';
import { scriptedPackages, type ScriptProbe } from './scripted-packages.js';
import { selectFormat } from './select-format.js';
import type { Manager, ProjectFiles } from './types.js';
import { unifiedDiff } from './unified-diff.js';
import type { VerdictSource } from './verdict-source.js';

export interface ApproveInput {
  readonly dir: string;
  readonly cwd: string;
  readonly manager?: Manager;
  readonly mode: ApproveMode;
}

export interface ApproveDependencies {
  readonly io: ProjectIo;
  readonly verdicts: VerdictSource;
  readonly probe: ScriptProbe;
  readonly progress: (message: string) => void;
}

async function readFiles(io: ProjectIo, dir: string, override: Manager | undefined): Promise<{ files: ProjectFiles; detected: DetectedManager }> {
  const packageJson = await io.read(dir, 'package.json');
  if (packageJson === null) throw new DynauditError('E_PROJECT', `no package.json in ${dir}`);
  const detected = detectManager(parseJsonText(packageJson, 'package.json').value, await io.list(dir), override);
  const files = {
    'package.json': packageJson,
    lockfile: { name: detected.lockfile, text: (await io.read(dir, detected.lockfile)) ?? '' },
    'pnpm-workspace.yaml': await io.read(dir, 'pnpm-workspace.yaml'),
    '.yarnrc.yml': await io.read(dir, '.yarnrc.yml'),
  };
  return { files, detected };
}

export async function approveProject(input: ApproveInput, deps: ApproveDependencies): Promise<ApproveReport> {
  const dir = path.resolve(input.cwd, input.dir);
  const { files, detected } = await readFiles(deps.io, dir, input.manager);
  const { format, notes } = selectFormat(detected, files);
  const lockfile = path.join(dir, detected.lockfile);
  const graph = parseLockfile(files.lockfile.text, lockfile);
  deps.progress(`${detected.manager} (${detected.why}): ${format.describe}; packages from ${detected.lockfile} (${graph.format})`);
  const scripted = await scriptedPackages(graph, deps.probe);
  const lookups = new Map(scripted.map((pkg) => [pkg.id, format.lookup(files, pkg)]));
  const judged = input.mode === 'check' ? scripted.filter((pkg) => lookups.get(pkg.id)!.state === 'allowed') : scripted;
  deps.progress(`${scripted.length} package(s) with install scripts; ${judged.length} to judge`);
  const outcomes = judged.length > 0 ? await deps.verdicts.verdicts(lockfile, judged) : new Map();
  const decisions = new Map(judged.map((pkg) => [pkg.id, decide(pkg, outcomes.get(pkg.id))]));

  const entries = scripted.map((pkg): ApproveEntry => {
    const lookup = lookups.get(pkg.id)!;
    const decision = decisions.get(pkg.id);
    return {
      name: pkg.name,
      version: pkg.version,
      ...(detected.manager === 'lavamoat' ? { path: pkg.path } : {}),
      current: lookup.state,
      ...(lookup.key !== undefined ? { key: lookup.key } : {}),
      ...(decision ? { action: decision.action, verdict: decision.verdict, reasons: decision.reasons } : {}),
    };
  });
  const count = (action: string): number => [...decisions.values()].filter((decision) => decision.action === action).length;
  const base = {
    schemaVersion: 1 as const,
    kind: 'approve' as const,
    tool: { name: 'dynaudit' as const, version: analyzerVersion() },
    mode: input.mode,
    project: input.dir,
    manager: { name: detected.manager, version: detected.version, detectedBy: detected.why, setting: format.describe },
    lockfile: { path: detected.lockfile, format: graph.format },
    file: format.file,
    entries,
    summary: { scripts: scripted.length, approve: count('approve'), deny: count('deny'), review: count('review') },
  };
  if (input.mode === 'check') {
    const problems = checkApprovals(judged.map((pkg) => ({ lookup: lookups.get(pkg.id)!, decision: decisions.get(pkg.id)! })), format, files);
    return { ...base, notes, check: { passed: problems.length === 0, problems } };
  }
  const applied = format.apply(files, [...decisions.values()]);
  const diff = unifiedDiff(files[format.file] ?? '', applied.text, format.file);
  if (diff !== '' && input.mode === 'write') await deps.io.write(dir, format.file, applied.text);
  return { ...base, notes: [...notes, ...applied.notes], change: { diff, written: diff !== '' && input.mode === 'write' } };
}
