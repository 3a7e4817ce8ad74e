/**
 * `dynaudit analyze`: spec -> resolve (host) -> sandbox phases -> trace ->
 * policy -> report. Bad input and infrastructure failures throw typed
 * errors; whatever the package does is data in the report.
 */
import { randomBytes } from 'node:crypto';
import { analyzerVersion } from '../common/package-root.js';
import type { Config } from '../common/config.js';
import type { Severity } from '../events/finding.js';
import type { PhaseName } from '../events/types.js';
import { stagingNeedles } from '../honeytokens/index.js';
import { loadPolicies } from '../policy/index.js';
import type { AnalysisReport, ReportPhase } from '../report/index.js';
import { summarizeEvents } from '../report/index.js';
import { parseSpec, platformText, removeResolved, resolvePackage } from '../resolve/index.js';
import type { ContainerEngine } from '../sandbox/container-engine.js';
import type { PhaseRun, Sandbox } from '../sandbox/sandbox.js';
import { HOME_DIR, PROJECT_DIR } from '../sandbox/sandbox-layout.js';
import { ensureSandboxImage } from '../sandbox/sandbox-image.js';
import { platformEvent } from './limit-events.js';
import { phaseEvents } from './phase-events.js';
import { fakenetOutcome, planFakenet } from './fakenet-stage.js';
import { judgeReport } from './judge-report.js';
import { plantHoneytokens } from './plant-honeytokens.js';
import type { Progress } from './progress.js';
import { runSandboxSession, type SandboxSession } from './sandbox-phases.js';
import type { ResultStore } from '../store/result-store.js';
import { judgeAnalysis } from './judge-analysis.js';
import { findStoredTree, storeTree } from './stored-analyze.js';

export interface AnalyzeDependencies {
  readonly engine: ContainerEngine;
  readonly sandbox: Sandbox;
  readonly config: Config;
  readonly progress: Progress;
  /** Result store: a stored analysis of the same tarball, analyzer and image is re-judged instead of re-run. */
  readonly store?: ResultStore;
}

export interface AnalyzeOptions {
  readonly cwd: string;
  /** Overrides the policy's failOn. */
  readonly failOn?: Severity;
  /** Analyze again even when the store has a result (the new one replaces it). */
  readonly noCache?: boolean;
}

const OUTPUT_TAIL_LINES = 15;
/** A tail of a flood without newlines stays small too. */
const OUTPUT_TAIL_CHARS = 4000;

function reportPhase(run: PhaseRun): ReportPhase {
  const lines = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-OUTPUT_TAIL_LINES).join('\n');
  const tail = lines.length > OUTPUT_TAIL_CHARS ? `…${lines.slice(-OUTPUT_TAIL_CHARS)}` : lines;
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
  const stored = deps.store && !options.noCache ? await findStoredTree(spec, deps.store, config) : undefined;
  if (stored) {
    progress(`using the stored analysis of ${stored.name}@${stored.version} from ${stored.startedAt} (--no-cache analyzes again)`);
    return judgeAnalysis(stored, policy, options.failOn ?? policy.failOn);
  }
  await deps.engine.ping();
  const image = await ensureSandboxImage(deps.engine, { imagesDir: config.imagesDir, registry: config.registry, onProgress: progress });
  const resolved = await resolvePackage(spec, { workDir: config.workDir, registry: config.registry, onProgress: progress });
  progress(`resolved ${resolved.name}@${resolved.version} (${resolved.tree.length} package(s) in the tree)`);
  const fakenetPlan = await planFakenet(deps.engine, config, image, progress);
  await using bait = await plantHoneytokens({ workDir: config.workDir, ...(config.registry ? { registry: config.registry } : {}) });
  const runId = randomBytes(4).toString('hex');
  let session: SandboxSession;
  try {
    session = await runSandboxSession(
      deps.sandbox,
      {
        image,
        runId,
        timeoutSeconds: config.timeoutSeconds,
        memoryBytes: config.memoryBytes,
        pidsLimit: config.pidsLimit,
        nanoCpus: config.nanoCpus,
        diskBytes: config.diskBytes,
        ...(config.runtime ? { runtime: config.runtime } : {}),
        ...(fakenetPlan.image ? { fakenetImage: fakenetPlan.image } : {}),
        hostname: bait.hostname,
        extraEnv: bait.honeytokens.env,
      },
      resolved,
      progress,
      { homeDir: bait.homeDir, needles: stagingNeedles(bait.honeytokens.tokens).map((needle) => needle.text) },
    );
  } finally {
    await removeResolved(resolved);
  }
  const runs: PhaseRun[] = session.runs;
  const network = await fakenetOutcome(
    {
      plan: fakenetPlan,
      events: runs.flatMap((run) => phaseEvents(run, resolved.name)),
      runs,
      capture: session.network,
      staged: session.found,
      honeytokens: bait.honeytokens,
      packageName: resolved.name,
      version: resolved.version,
      runId,
      ...(config.artifactsDir ? { artifactsDir: config.artifactsDir } : {}),
    },
    progress,
  );
  const events = [...network.events, ...resolved.platformOverrides.map((entry) => platformEvent(entry.name, platformText(entry), startedAt.getTime()))];
  if (deps.store) await storeTree(deps.store, config, { resolved, phases: runs.map(reportPhase), events, startedAt });
  const failOn = options.failOn ?? policy.failOn;
  const judged = judgeReport({
    events,
    policy,
    context: { homeDir: HOME_DIR, projectDir: PROJECT_DIR },
    failOn,
    versions: [{ name: resolved.name, version: resolved.version }, ...resolved.tree],
  });
  const truncated = runs.filter((run) => run.traceTruncated).map((run) => run.name satisfies PhaseName);
  if (truncated.length > 0) progress(`warning: trace of ${truncated.join(', ')} exceeded the size cap and was cut`);
  return {
    schemaVersion: 1,
    tool: { name: 'dynaudit', version: analyzerVersion() },
    package: { name: resolved.name, version: resolved.version, integrity: resolved.integrity, source: resolved.source },
    verdict: judged.verdict,
    failOn,
    phases: runs.map(reportPhase),
    findings: judged.findings,
    observed: summarizeEvents(events),
    installScripts: resolved.tree.filter((entry) => entry.hasInstallScript).map(({ name, version }) => ({ name, version })),
    sandbox: { image, runtime: config.runtime ?? 'runc' },
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    fakenet: network.report,
    allowed: judged.allowed,
    rules: judged.rules,
    timeline: judged.timeline,
  };
}
