/**
 * A Sandbox that keeps track of the sandboxes it started, so an interrupt
 * can remove them all at once (each only once), and counts them (tests
 * assert a run served from the store started none).
 */
import type { Sandbox, SandboxOptions, StartedSandbox } from '../../sandbox/sandbox.js';
import { interruptedError } from '../interrupt.js';

export class TrackedSandbox implements Sandbox {
  private readonly live = new Set<StartedSandbox>();
  started = 0;

  constructor(
    private readonly inner: Sandbox,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => void this.disposeAll(), { once: true });
  }

  async start(options: SandboxOptions): Promise<StartedSandbox> {
    if (this.signal.aborted) throw interruptedError();
    const started = await this.inner.start(options);
    this.started += 1;
    // Disposal runs once, however often it is asked for (the run's own `await using` and an interrupt).
    const dispose = started[Symbol.asyncDispose].bind(started);
    let disposal: Promise<void> | undefined;
    Object.defineProperty(started, Symbol.asyncDispose, {
      value: () => (disposal ??= Promise.resolve(dispose()).finally(() => this.live.delete(started))),
    });
    this.live.add(started);
    if (this.signal.aborted) {
      await started[Symbol.asyncDispose]();
      throw interruptedError();
    }
    return started;
  }

  /** Removes every sandbox still running. */
  async disposeAll(): Promise<void> {
    await Promise.all([...this.live].map((sandbox) => sandbox[Symbol.asyncDispose]()));
  }
}
