import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { buildConfig } from '../../../src/common/config.js';
import { DynauditError } from '../../../src/common/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

test('with an empty environment every setting has its default', (t) => {
  const config = buildConfig({});
  t.is(config.workDir, path.join(os.tmpdir(), 'dynaudit'));
  t.is(config.registry, undefined);
  t.is(config.imagesDir, path.join(ROOT, 'sandbox-images'));
  t.deepEqual(config.policyFiles, [path.join(ROOT, 'policies', 'default.yaml'), path.join(ROOT, 'policies', 'vendor-download-hosts.yaml')]);
  t.is(config.timeoutSeconds, 180);
  t.false('runtime' in config);
  t.is(config.memoryBytes, 2048 * 1024 * 1024);
  t.is(config.pidsLimit, 1024);
  t.is(config.nanoCpus, Math.min(2, os.availableParallelism()) * 1e9);
});

test('the default policy file exists where the config says', (t) => {
  t.true(existsSync(buildConfig({}).policyFiles[0] ?? ''));
});

test('the config reads only the environment it is given', (t) => {
  const saved = process.env.DYNAUDIT_TIMEOUT;
  process.env.DYNAUDIT_TIMEOUT = '7';
  try {
    t.is(buildConfig({}).timeoutSeconds, 180);
  } finally {
    if (saved === undefined) delete process.env.DYNAUDIT_TIMEOUT;
    else process.env.DYNAUDIT_TIMEOUT = saved;
  }
});

test('DYNAUDIT_TIMEOUT sets the per-phase timeout', (t) => {
  t.is(buildConfig({ DYNAUDIT_TIMEOUT: '30' }).timeoutSeconds, 30);
});

test('an empty DYNAUDIT_TIMEOUT falls back to the default', (t) => {
  t.is(buildConfig({ DYNAUDIT_TIMEOUT: '' }).timeoutSeconds, 180);
});

for (const value of ['0', '-1', 'ten', 'Infinity', 'NaN']) {
  test(`DYNAUDIT_TIMEOUT="${value}" is rejected as a usage error`, (t) => {
    const error = t.throws(() => buildConfig({ DYNAUDIT_TIMEOUT: value }), { instanceOf: DynauditError });
    t.is(error?.code, 'E_USAGE');
    t.true(error?.message.includes(`DYNAUDIT_TIMEOUT must be a positive number, got "${value}"`), error?.message);
  });
}

test('a timeout from the command line wins over DYNAUDIT_TIMEOUT', (t) => {
  t.is(buildConfig({ DYNAUDIT_TIMEOUT: '30' }, { timeoutSeconds: 5 }).timeoutSeconds, 5);
});

test('bad resource limits in the environment are rejected', (t) => {
  for (const name of ['DYNAUDIT_MEMORY_MB', 'DYNAUDIT_PIDS_LIMIT', 'DYNAUDIT_CPUS']) {
    const error = t.throws(() => buildConfig({ [name]: '-3' }), { instanceOf: DynauditError });
    t.true(error?.message.startsWith(`${name} must be a positive number`), error?.message);
  }
});

test('resource limits come from the environment in Docker units', (t) => {
  const config = buildConfig({ DYNAUDIT_MEMORY_MB: '512', DYNAUDIT_PIDS_LIMIT: '64', DYNAUDIT_CPUS: '0.5' });
  t.is(config.memoryBytes, 512 * 1024 * 1024);
  t.is(config.pidsLimit, 64);
  t.is(config.nanoCpus, 0.5e9);
});

test('user policy files are layered after the default, in order', (t) => {
  const config = buildConfig({}, { policyFiles: ['/etc/a.yaml', 'b.yaml'] });
  t.deepEqual(config.policyFiles, [path.join(ROOT, 'policies', 'default.yaml'), path.join(ROOT, 'policies', 'vendor-download-hosts.yaml'), '/etc/a.yaml', 'b.yaml']);
});

test('the vendors\' download hosts are layered by default and can be turned off', (t) => {
  const vendor = path.join(ROOT, 'policies', 'vendor-download-hosts.yaml');
  t.true(existsSync(vendor));
  t.false(buildConfig({ DYNAUDIT_VENDOR_HOSTS: '0' }).policyFiles.includes(vendor));
  t.false(buildConfig({}, { vendorHosts: false }).policyFiles.includes(vendor));
  t.true(buildConfig({ DYNAUDIT_VENDOR_HOSTS: '1' }).policyFiles.includes(vendor));
});

test('the runc runtime is Docker default and is left unset', (t) => {
  t.false('runtime' in buildConfig({}, { runtime: 'runc' }));
  t.false('runtime' in buildConfig({ DYNAUDIT_RUNTIME: 'runc' }));
});

test('the runsc runtime is kept, from the command line or the environment', (t) => {
  t.is(buildConfig({}, { runtime: 'runsc' }).runtime, 'runsc');
  t.is(buildConfig({ DYNAUDIT_RUNTIME: 'runsc' }).runtime, 'runsc');
});

test('a runtime from the command line wins over DYNAUDIT_RUNTIME', (t) => {
  t.false('runtime' in buildConfig({ DYNAUDIT_RUNTIME: 'runsc' }, { runtime: 'runc' }));
});

test('the registry comes from DYNAUDIT_REGISTRY, else from npm_config_registry', (t) => {
  t.is(buildConfig({ npm_config_registry: 'https://npm.example/' }).registry, 'https://npm.example/');
  t.is(
    buildConfig({ DYNAUDIT_REGISTRY: 'https://mirror.example/', npm_config_registry: 'https://npm.example/' }).registry,
    'https://mirror.example/',
  );
});

test('DYNAUDIT_WORK_DIR sets the work folder', (t) => {
  t.is(buildConfig({ DYNAUDIT_WORK_DIR: '/var/tmp/da' }).workDir, '/var/tmp/da');
});

test('parsed policies are kept in the user cache folder, beside the store and the npm cache', (t) => {
  t.is(buildConfig({ XDG_CACHE_HOME: '/var/cache/u' }).policyCacheDir, '/var/cache/u/dynaudit/policies');
  t.is(buildConfig({ HOME: '/home/u' }).policyCacheDir, '/home/u/.cache/dynaudit/policies');
});
