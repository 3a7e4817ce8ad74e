import test from 'ava';
import { parseCommandLine } from '../../../../src/cli/args/parse-command-line.js';

test('worker takes jobs from the queue URL, one at a time unless told otherwise', (t) => {
  t.deepEqual(parseCommandLine(['worker', '--queue', 'redis://127.0.0.1:6379']), { kind: 'worker', queue: 'redis://127.0.0.1:6379' });
  t.deepEqual(parseCommandLine(['worker', '--queue', 'rediss://:pw@queue.test:6380/1', '--concurrency', '2']), {
    kind: 'worker',
    queue: 'rediss://:pw@queue.test:6380/1',
    concurrency: 2,
  });
});

test('a worker needs a redis URL and takes no analysis flags', (t) => {
  t.throws(() => parseCommandLine(['worker']), { message: /worker needs --queue redis:\/\/HOST:PORT/ });
  t.throws(() => parseCommandLine(['worker', '--queue', 'http://queue.test']), { message: /--queue must be a redis:\/\/ or rediss:\/\/ URL, got "http:\/\/queue.test"/ });
  t.throws(() => parseCommandLine(['worker', '--queue', 'redis://q.test', '--policy', 'a.yaml']), { message: /--policy applies to the analyze, lockfile, approve, sweep and diff commands only/ });
});

test('--queue is a run option of every command that analyzes', (t) => {
  t.like(parseCommandLine(['lockfile', 'package-lock.json', '--queue', 'redis://q.test:6379']), { kind: 'lockfile', queue: 'redis://q.test:6379' });
  t.like(parseCommandLine(['analyze', 'left-pad@1.3.0', '--queue', 'redis://q.test:6379']), { kind: 'analyze', queue: 'redis://q.test:6379' });
  t.like(parseCommandLine(['approve', '.', '--queue', 'redis://q.test:6379']), { kind: 'approve', queue: 'redis://q.test:6379' });
});

test('--queue does not go with isolated mode or --artifacts', (t) => {
  t.throws(() => parseCommandLine(['lockfile', 'package-lock.json', '--queue', 'redis://q.test', '--mode', 'isolated']), { message: /--mode isolated runs on this machine only/ });
  t.throws(() => parseCommandLine(['analyze', 'x', '--queue', 'redis://q.test', '--artifacts', '/tmp/a']), { message: /--artifacts keeps captures on this machine/ });
});
