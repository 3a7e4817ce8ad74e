/**
 * Progress of a command made of several lockfile runs (sweep, diff) on
 * stderr: log lines, and for each run its own progress bar or lines, its
 * messages prefixed with what it is (a project, a release).
 */
import type { LockfileProgress } from '../pipeline/lockfile/lockfile-run.js';
import type { RunsProgress } from '../pipeline/release/analyze-release.js';
import { ProgressReporter, type ProgressStream } from './progress-reporter.js';

export class RunsProgressReporter implements RunsProgress {
  private current: ProgressReporter | undefined;

  constructor(private readonly stream: ProgressStream) {}

  log(message: string): void {
    if (this.current) this.current.log(message);
    else this.stream.write(`dynaudit: ${message}\n`);
  }

  run(label: string): LockfileProgress {
    this.end();
    const reporter = new ProgressReporter(this.stream);
    this.current = reporter;
    return {
      start: (total) => {
        reporter.log(`${label}: ${total} package(s)`);
        reporter.start(total);
      },
      done: (report) => reporter.done(report),
      log: (message) => reporter.log(`${label}: ${message}`),
    };
  }

  /** Leaves the terminal clean after the last run's bar. */
  end(): void {
    this.current?.end();
    this.current = undefined;
  }
}
