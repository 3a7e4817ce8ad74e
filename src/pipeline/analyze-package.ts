/**
 * `dynaudit analyze`: spec -> resolve (host) -> sandbox phases -> trace ->
 * policy -> report. Bad input and infrastructure failures throw typed
 * errors; whatever the package does is data in the report.
 */
import { randomBytes } from 'node:crypto';
import { analyzerVersion } from '../common/package-root.js';
import type { Config } from '../common/config.js';
import type { Severity } from '../events/finding.js';
import type { PhaseName, TraceEvent } from '../events/types.js';
import { decideVerdict, evaluatePolicy, loadPolicies } from '../policy/index.js';
import type { AnalysisReport, ReportPhase } from '../report/index.js';
import { summarizeEvents } from '../report/index.js';
import { parseSpec, removeResolved, resolvePackage } from '../resolve/index.js';
import type { ContainerEngine } from '../sandbox/container-engine.js';
import type { PhaseRun, Sandbox } from '../sandbox/sandbox.js';
import { HOME_DIR, PROJECT_DIR } from '../sandbox/sandbox-layout.js';
import { ensureSandboxImage } from '../sandbox/sandbox-image.js';
import { straceToEvents } from '../trace/index.js';
import type { Progress } from './progress.js';
import { runSandboxPhases } from './sandbox-phases.js';

export interface AnalyzeDependencies {
  readonly engine: ContainerEngine;
  readonly sandbox: Sandbox;
  readonly config: Config;
  readonly progress: Progress;
}

export interface AnalyzeOptions {
  readonly cwd: string;
  /** Overrides the policy's failOn. */
  readonly failOn?: Severity;
}

const OUTPUT_TAIL_LINES = 15;

function phaseEvents(run: PhaseRun, packageName: string): TraceEvent[] {
  const rootAttribution =
    run.name === 'install' ? ({ package: null, via: 'package-manager' } as const) : ({ package: packageName, via: 'import' } as const);
  return straceToEvents(run.trace, { phase: run.name, rootAttribution, projectDir: PROJECT_DIR });
}

function reportPhase(run: PhaseRun): ReportPhase {
  const tail = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-OUTPUT_TAIL_LINES).join('\n');
  return {
    name: run.name,
    status: run.status,
    durationMs: run.durationMs,
    exitCode: run.exitCode,
    ...(run.status === 'completed' || tail === '' ? {} : { outputTail: tail }),
  };
}

export async function analyzePackage(rawSpec: string, options: AnalyzeOptions, deps: AnalyzeDependencies): Promise<AnalysisReport> {
  const { config, progress } = deps;
  const startedAt = new Date();
  const spec = parseSpec(rawSpec, options.cwd);
  const policy = await loadPolicies(config.policyFiles);
  await deps.engine.ping();
  const image = await ensureSandboxImage(deps.engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: progress });
  progress(`resolving ${rawSpec}`);
  const resolved = await resolvePackage(spec, { workDir: config.workDir, registry: config.registry, onProgress: progress });
  progress(`resolved ${resolved.name}@${resolved.version} (${resolved.tree.length} package(s) in the tree)`);
  let runs: PhaseRun[];
  try {
    runs = await runSandboxPhases(
      deps.sandbox,
      {
        image,
        runId: randomBytes(4).toString('hex'),
        timeoutSeconds: config.timeoutSeconds,
        memoryBytes: config.memoryBytes,
        pidsLimit: config.pidsLimit,
        nanoCpus: config.nanoCpus,
        ...(config.runtime ? { runtime: config.runtime } : {}),
      },
      resolved,
      progress,
    );
  } finally {
    await removeResolved(resolved);
  }
  const events = runs.flatMap((run) => phaseEvents(run, resolved.name));
  const findings = evaluatePolicy(events, policy, { homeDir: HOME_DIR, projectDir: PROJECT_DIR });
  const failOn = options.failOn ?? policy.failOn;
  const truncated = runs.filter((run) => run.traceTruncated).map((run) => run.name satisfies PhaseName);
  if (truncated.length > 0) progress(`warning: trace of ${truncated.join(', ')} exceeded the size cap and was cut`);
  return {
    schemaVersion: 1,
    tool: { name: 'dynaudit', version: analyzerVersion() },
    package: { name: resolved.name, version: resolved.version, integrity: resolved.integrity, source: resolved.source },
    verdict: decideVerdict(findings, failOn),
    failOn,
    phases: runs.map(reportPhase),
    findings,
    observed: summarizeEvents(events),
    installScripts: resolved.tree.filter((entry) => entry.hasInstallScript).map(({ name, version }) => ({ name, version })),
    sandbox: { image, runtime: config.runtime ?? 'runc' },
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}
