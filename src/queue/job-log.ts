/** Progress lines about a submitted job: who took it, a worker lost, a retry (pure but for the log it writes to). */
import type { JobEvent } from './job-queue.js';

/** A progress line for what happened to a job (undefined: nothing worth a line). */
function describeJobEvent(label: string, event: JobEvent, lastWorker: string | undefined): string | undefined {
  switch (event.kind) {
    case 'joined':
      return `${label}: the same job is already queued or done (another run sent it); using its result`;
    case 'progress':
      return event.progress.worker === lastWorker ? undefined : `${label}: taken by worker ${event.progress.worker}`;
    case 'stalled':
      return `${label}: its worker stopped answering; the job goes back to the queue for another worker`;
    case 'retrying':
      return `${label}: failed on a worker (${event.reason}); tried again after a pause`;
  }
}

/** Logs a job's events, one line each time something changes. */
export function jobLogger(label: string, log: (message: string) => void): (event: JobEvent) => void {
  let worker: string | undefined;
  return (event) => {
    const line = describeJobEvent(label, event, worker);
    if (event.kind === 'progress') worker = event.progress.worker;
    // After a lost worker or a failed attempt, whoever takes the job next is news, the same worker too.
    if (event.kind === 'stalled' || event.kind === 'retrying') worker = undefined;
    if (line) log(line);
  };
}
