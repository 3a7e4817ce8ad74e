/**
 * A Sandbox that first removes the leftovers of crashed runs (containers and
 * volumes whose orchestrator died, see reaper.ts), once per process, while
 * it starts its first sandbox (it only removes a dead owner's objects, so
 * never the new one's; awaiting it first cost ~0.25 s of every analysis): a
 * run that never needs a sandbox (bad input, a stored result) never touches
 * the engine for it. The reaper's own trouble is a warning, never the run's
 * failure.
 */
import { currentOwner, procProbe } from './owner.js';
import { reapLeftovers, type ReaperEngine } from './reaper.js';
import type { Sandbox, SandboxOptions, StartedSandbox } from './sandbox.js';

export class ReapingSandbox implements Sandbox {
  private reaped: Promise<void> | undefined;

  constructor(
    private readonly inner: Sandbox,
    private readonly engine: ReaperEngine,
    private readonly log: (message: string) => void,
  ) {}

  async start(options: SandboxOptions): Promise<StartedSandbox> {
    this.reaped ??= this.reap();
    const [started] = await Promise.all([this.inner.start(options), this.reaped]);
    return started;
  }

  private async reap(): Promise<void> {
    try {
      const result = await reapLeftovers(this.engine, {
        mode: 'orphans',
        self: currentOwner(),
        probe: procProbe,
        onWarning: (message) => this.log(`warning: ${message}`),
      });
      const removed = result.containers.length + result.volumes.length + result.networks.length;
      if (removed > 0) {
        this.log(`removed ${result.containers.length} container(s) and ${result.volumes.length} volume(s) left by crashed run(s) ${result.runs.join(', ')}`);
      }
    } catch (error) {
      this.log(`warning: could not look for leftovers of crashed runs: ${(error as Error).message}`);
    }
  }
}
