import path from 'node:path';
import test from 'ava';
import { buildConfig } from '../../../src/common/config.js';
import { readLockfileFile } from '../../../src/lockfile/read-lockfile.js';
import { executedPackages } from '../../../src/pipeline/lockfile/lockfile-phases.js';
import { batchJob, decodeFailure, encodeFailure, isFinalFailure, jobConfig, jobId, queueName, settingsOf, slices } from '../../../src/queue/queue-jobs.js';

const LOCKFILE = path.resolve(import.meta.dirname, '../../fixtures/lockfiles/npm-v3.package-lock.json');
const identity = { analyzerVersion: '0.1.0+abc', image: 'dynaudit-sandbox:1234', runtime: 'runc', network: 'fakenet' as const, phases: 'install,import,execute' };
const settings = settingsOf(buildConfig({}));
const run = { identity, executed: new Set<string>() };

test('a batch job holds its packages and everything they depend on, nothing else', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  const chalk = graph.packages.filter((pkg) => pkg.name === 'chalk');
  const job = batchJob(graph, chalk, run, settings);
  t.deepEqual(job.todo, chalk.map((pkg) => pkg.id));
  t.deepEqual(job.graph.packages.map((pkg) => pkg.name).sort(), ['ansi-styles', 'chalk', 'color-convert', 'color-name', 'has-flag', 'supports-color']);
  t.true(job.graph.roots.every((edge) => job.graph.packages.some((pkg) => pkg.id === edge.target)));
  t.deepEqual(job.graph.roots.map((edge) => edge.alias), ['chalk']);
});

test('a deep dependency sent without its dependants is one the job\'s project depends on, so npm installs it', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  const deep = graph.packages.filter((pkg) => pkg.name === 'color-name' || pkg.name === 'chalk');
  t.false(graph.roots.some((edge) => edge.alias === 'color-name'));
  const job = batchJob(graph, deep, run, settings);
  t.deepEqual(job.graph.roots.map((edge) => edge.alias).sort(), ['chalk']);
  const alone = batchJob(graph, deep.filter((pkg) => pkg.name === 'color-name'), run, settings);
  t.deepEqual(alone.graph.roots, [{ alias: 'color-name', target: deep.find((pkg) => pkg.name === 'color-name')!.id, optional: false }]);
});

test('a batch job names the packages whose execute phase runs: the project\'s direct dependencies among its own, not the roots its narrowed graph gets', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  const deep = graph.packages.filter((pkg) => pkg.name === 'color-name' || pkg.name === 'chalk');
  const executed = executedPackages(graph, identity, 'batch');
  const job = batchJob(graph, deep, { identity, executed }, settings);
  t.deepEqual(job.executed, deep.filter((pkg) => pkg.name === 'chalk').map((pkg) => pkg.id));
  const alone = batchJob(graph, deep.filter((pkg) => pkg.name === 'color-name'), { identity, executed }, settings);
  t.deepEqual(alone.graph.roots.map((edge) => edge.alias), ['color-name']);
  t.deepEqual(alone.executed, []);
});

test('the same work gets the same job id; other packages or other settings another', async (t) => {
  const graph = await readLockfileFile(LOCKFILE);
  const [first, second] = graph.packages;
  const id = jobId(batchJob(graph, [first!], run, settings));
  t.regex(id, /^batch-[0-9a-f]{40}$/);
  t.is(jobId(batchJob(graph, [first!], run, settings)), id);
  t.not(jobId(batchJob(graph, [second!], run, settings)), id);
  t.not(jobId(batchJob(graph, [first!], run, { ...settings, timeoutSeconds: settings.timeoutSeconds + 1 })), id);
  t.not(jobId(batchJob(graph, [first!], { ...run, identity: { ...identity, runtime: 'runsc' } }, settings)), id);
});

test('one queue per analyzer build and image, whatever the runtime', (t) => {
  t.is(queueName(identity), queueName({ ...identity, runtime: 'runsc', network: 'none', phases: 'install,import,execute' }));
  t.not(queueName(identity), queueName({ ...identity, analyzerVersion: '0.1.0+def' }));
  t.not(queueName(identity), queueName({ ...identity, image: 'dynaudit-sandbox:5678' }));
});

test('a worker analyzes under the caller\'s settings, its own registry and work dir kept', (t) => {
  const worker = buildConfig({ DYNAUDIT_RUNTIME: 'runsc', DYNAUDIT_REGISTRY: 'http://127.0.0.1:1/', DYNAUDIT_WORK_DIR: '/w', DYNAUDIT_IMPORT_CHUNK: '8' });
  const caller = settingsOf(buildConfig({ DYNAUDIT_TIMEOUT: '30', DYNAUDIT_FAKENET: '0' }));
  const config = jobConfig(worker, caller);
  t.false('runtime' in config);
  t.false('importChunkSize' in config);
  t.like(config, { timeoutSeconds: 30, fakenet: false, registry: 'http://127.0.0.1:1/', workDir: '/w' });
});

test('a failure keeps its code through the queue\'s failure reason', (t) => {
  const failure = { code: 'E_SANDBOX' as const, message: 'npm ci failed:\nline two' };
  t.deepEqual(decodeFailure(encodeFailure(failure)), failure);
  t.is(decodeFailure('job stalled more than allowable limit'), undefined);
});

test('only failures a retry would repeat end a job at once', (t) => {
  t.true(isFinalFailure('E_SANDBOX'));
  t.true(isFinalFailure('E_INTEGRITY'));
  t.false(isFinalFailure('E_DOCKER_UNAVAILABLE'));
  t.false(isFinalFailure('E_INTERNAL'));
});

test('slices are consecutive and at most the size', (t) => {
  t.deepEqual(slices([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  t.deepEqual(slices([], 3), []);
});
