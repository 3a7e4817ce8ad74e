/**
 * Real package managers for tests, run inside a sandbox container (never on
 * the host: they run package code): each fetched from the npm registry by
 * name, version and integrity (pinned in test/fixtures/approve/tools.json,
 * as sandbox-images/node/versions.json pins npm 11), unpacked on the host
 * (nothing runs), copied in with the project, and run under strace by the
 * same Sandbox the analysis uses, with no network.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pacote from 'pacote';
import { buildConfig } from '../../src/common/config.js';
import type { ProcessEvent } from '../../src/events/types.js';
import { DockerEngine } from '../../src/sandbox/docker-engine.js';
import { DockerSandbox } from '../../src/sandbox/docker-sandbox.js';
import type { PhaseRun } from '../../src/sandbox/sandbox.js';
import { ensureSandboxImage } from '../../src/sandbox/sandbox-image.js';
import { PROJECT_DIR } from '../../src/sandbox/sandbox-layout.js';
import { parseStrace, recordsToEvents } from '../../src/trace/index.js';
import { repoRoot } from './run-cli.js';

export interface PinnedTool {
  readonly package: string;
  readonly version: string;
  readonly integrity: string;
}

export const TOOLS = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'approve', 'tools.json'), 'utf8')) as Record<'npm' | 'pnpm', PinnedTool>;

/** Unpacks a pinned tool into `dest`; pacote refuses bytes that do not match the integrity. */
export async function fetchTool(tool: PinnedTool, dest: string): Promise<void> {
  await pacote.extract(`${tool.package}@${tool.version}`, dest, { integrity: tool.integrity, ignoreScripts: true } as pacote.Options);
}

export interface SandboxRun {
  readonly phase: PhaseRun;
  /** Command lines of every process the phase ran, from the trace. */
  readonly commands: readonly string[];
}

/** Copies host folders in (`container` paths under the runner's home), runs one bash script as the runner in PROJECT_DIR. */
export async function runInSandbox(copies: readonly { readonly host: string; readonly container: string }[], script: string): Promise<SandboxRun> {
  const config = buildConfig(process.env);
  const engine = new DockerEngine();
  const image = await ensureSandboxImage(engine, { imagesDir: config.imagesDir, onProgress: () => {} });
  const sandbox = new DockerSandbox(engine);
  await using started = await sandbox.start({
    image,
    runId: `approve-it-${randomBytes(3).toString('hex')}`,
    timeoutSeconds: 300,
    memoryBytes: config.memoryBytes,
    pidsLimit: config.pidsLimit,
    nanoCpus: config.nanoCpus,
  });
  await started.copyIn(copies.map((copy) => ({ hostDir: copy.host, containerDir: copy.container })));
  const phase = await started.runPhase({ name: 'install', command: ['bash', '-c', script], workingDir: PROJECT_DIR });
  const events = recordsToEvents(parseStrace(phase.trace), { phase: 'install', rootAttribution: { package: null, via: 'package-manager' }, projectDir: PROJECT_DIR });
  const commands = events.filter((event): event is ProcessEvent => event.kind === 'process' && event.ok).map((event) => event.argv.join(' '));
  return { phase, commands };
}
