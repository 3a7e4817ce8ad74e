/**
 * The sandbox as the commands use it: Docker, leftovers of crashed runs
 * reaped before the first sandbox, and every sandbox tracked so an
 * interrupt removes them all.
 */
import { TrackedSandbox } from '../pipeline/session/tracked-sandbox.js';
import { DockerEngine } from '../sandbox/docker-engine.js';
import { DockerSandbox } from '../sandbox/docker-sandbox.js';
import { ReapingSandbox } from '../sandbox/reaping-sandbox.js';

export interface SandboxStack {
  readonly engine: DockerEngine;
  readonly sandbox: TrackedSandbox;
}

export function sandboxStack(signal: AbortSignal, log: (message: string) => void): SandboxStack {
  const engine = new DockerEngine();
  const docker = new DockerSandbox(engine, (message) => log(`warning: ${message}`));
  return { engine, sandbox: new TrackedSandbox(new ReapingSandbox(docker, engine, log), signal) };
}
