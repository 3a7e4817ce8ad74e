import test from 'ava';
import { jobLogger } from '../../../src/queue/job-log.js';
import { redactUrl } from '../../../src/queue/bullmq-queue.js';

test('a job\'s progress is one line each time a worker takes it, and one for a lost worker or a failed attempt', (t) => {
  const lines: string[] = [];
  const log = jobLogger('job 1234 (3 package(s))', (line) => lines.push(line));
  const progress = (worker: string, done: number) => ({ kind: 'progress' as const, progress: { worker, done, total: 3 } });
  log(progress('a:1', 0));
  log(progress('a:1', 1));
  log({ kind: 'stalled' });
  log(progress('b:2', 0));
  log(progress('b:2', 3));
  log({ kind: 'retrying', reason: 'E_DOCKER_UNAVAILABLE: no engine' });
  log(progress('b:2', 0));
  t.deepEqual(lines, [
    'job 1234 (3 package(s)): taken by worker a:1',
    'job 1234 (3 package(s)): its worker stopped answering; the job goes back to the queue for another worker',
    'job 1234 (3 package(s)): taken by worker b:2',
    'job 1234 (3 package(s)): failed on a worker (E_DOCKER_UNAVAILABLE: no engine); tried again after a pause',
    'job 1234 (3 package(s)): taken by worker b:2',
  ]);
});

test('a queue URL is shown without its password', (t) => {
  t.is(redactUrl('redis://:s3cret@queue.test:6379/0'), 'redis://:***@queue.test:6379/0');
  t.is(redactUrl('rediss://user:s3cret@queue.test:6380'), 'rediss://user:***@queue.test:6380');
  t.is(redactUrl('redis://127.0.0.1:6379'), 'redis://127.0.0.1:6379');
});
