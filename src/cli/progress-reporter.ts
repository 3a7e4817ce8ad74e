/**
 * Draws a lockfile run's progress on stderr: a live bar redrawn in place on
 * a terminal (log lines print above it), plain lines at most every few
 * seconds (and at the end) otherwise.
 */
import type { LockfileProgress } from '../pipeline/lockfile/lockfile-run.js';
import type { LockfileEntryReport } from '../report/lockfile-model.js';
import { formatBar, formatLine, type ProgressState } from './progress-format.js';

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export class ProgressReporter implements LockfileProgress {
  private total = 0;
  private finished = 0;
  private failed = 0;
  private errors = 0;
  private cached = 0;
  private readonly startedAt: number;
  private lastLine = 0;
  private barShown = false;
  private started = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 5000,
  ) {
    this.startedAt = now();
  }

  start(total: number): void {
    this.total = total;
    this.started = true;
    this.draw(true);
  }

  done(report: LockfileEntryReport): void {
    this.finished += 1;
    if (report.verdict === 'fail') this.failed += 1;
    if (report.verdict === 'error') this.errors += 1;
    if (report.cached) this.cached += 1;
    this.draw(this.finished === this.total);
  }

  log(message: string): void {
    this.clearBar();
    this.stream.write(`dynaudit: ${message}\n`);
    this.draw(false);
  }

  /** Leaves the terminal clean (the bar's last state on its own line). */
  end(): void {
    if (this.barShown) this.stream.write('\n');
    this.barShown = false;
  }

  private state(): ProgressState {
    return { done: this.finished, total: this.total, failed: this.failed, errors: this.errors, cached: this.cached, elapsedMs: this.now() - this.startedAt };
  }

  private clearBar(): void {
    if (this.stream.isTTY && this.barShown) this.stream.write('\r\u001b[2K');
  }

  private draw(force: boolean): void {
    if (!this.started) return;
    if (this.stream.isTTY) {
      this.stream.write(`\r\u001b[2K${formatBar(this.state(), this.stream.columns ?? 80)}`);
      this.barShown = true;
      return;
    }
    const now = this.now();
    if (!force && now - this.lastLine < this.intervalMs) return;
    this.lastLine = now;
    this.stream.write(`dynaudit: ${formatLine(this.state())}\n`);
  }
}
