/**
 * The sandbox clock's own file work (pure): libfaketime, preloaded into every
 * process of a phase on the fast clock (src/sandbox/time-acceleration.ts),
 * keeps one process tree on one clock through a POSIX semaphore and a shared
 * memory object in /dev/shm. The first process creates them (glibc's
 * sem_open makes `/dev/shm/sem.XXXXXX`, links it to
 * `/dev/shm/sem.faketime_sem_<pid>` and unlinks the temporary name; then
 * `/dev/shm/faketime_shm_<pid>`), every process opens them read-write, and
 * the creator unlinks them at exit. None of that is the package's doing.
 * What is left out is exactly those names: a package writing a file of its
 * own under one of them is not seen (docs/evasion.md; /dev/shm is noexec).
 */
import type { FileEvent, TraceEvent } from '../events/types.js';

const CLOCK_OBJECT = /^\/dev\/shm\/(?:sem\.faketime_sem|faketime_shm)_\d+$/;
const SEM_TEMPORARY = /^\/dev\/shm\/sem\.[A-Za-z0-9]{6}$/;

const isClockObject = (path: string | undefined): boolean => path !== undefined && CLOCK_OBJECT.test(path);

/** The events without the clock's own /dev/shm work. */
export function withoutClockWork(events: readonly TraceEvent[]): TraceEvent[] {
  // Temporary semaphore names that were linked to a clock semaphore.
  const temporaries = new Set<string>();
  for (const event of events) {
    if (event.kind === 'file' && event.operation === 'link' && isClockObject(event.path) && SEM_TEMPORARY.test(event.target ?? '')) {
      temporaries.add(event.target!);
    }
  }
  // Only the clock's names themselves: never a file reached through a link made under such a name.
  const isClockWork = (event: FileEvent): boolean =>
    (isClockObject(event.path) || temporaries.has(event.path)) &&
    (event.requested === undefined || isClockObject(event.requested) || temporaries.has(event.requested)) &&
    (event.target === undefined || temporaries.has(event.target));
  return events.filter((event) => event.kind !== 'file' || !isClockWork(event));
}
