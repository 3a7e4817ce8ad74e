import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { DynauditError } from '../../../src/common/errors.js';
import type { TraceEvent } from '../../../src/events/types.js';
import { integrityKey } from '../../../src/store/integrity-key.js';
import type { StoredAnalysis } from '../../../src/store/result-store.js';
import { SqliteResultStore } from '../../../src/store/sqlite-result-store.js';
import { SCHEMA_VERSION } from '../../../src/store/store-schema.js';

const KEY = { integrity: 'sha512-abc=', analyzerVersion: '0.1.0', image: 'dynaudit-sandbox-node:1', runtime: 'runc', network: 'fakenet', phases: 'install,import,execute' } as const;
const EVENT: TraceEvent = {
  kind: 'file', phase: 'install', pid: 7, timestampMs: 1, ok: true, operation: 'open', path: '/home/runner/.npmrc', access: 'read',
  attribution: { package: 'a', via: 'lifecycle-script' },
};

function analysis(overrides: Partial<StoredAnalysis> = {}): StoredAnalysis {
  return {
    key: KEY, scope: 'package', name: 'a', version: '1.0.0', integrity: 'sha512-abc=', source: 'registry',
    phases: [{ name: 'install', status: 'completed', durationMs: 10, exitCode: 0 }],
    events: [EVENT], installScripts: [{ name: 'a', version: '1.0.0' }], versions: [], startedAt: '2026-01-01T00:00:00.000Z', durationMs: 10,
    fakenet: { enabled: true, dnsQueries: 0, connections: 0 },
    ...overrides,
  };
}

function tempStore(t: import('ava').ExecutionContext): { file: string; store: SqliteResultStore } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-store-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'nested', 'results.sqlite');
  return { file, store: new SqliteResultStore(file) };
}

test('a stored analysis comes back with its events, phases and install scripts', (t) => {
  const { store } = tempStore(t);
  store.put(analysis());
  t.deepEqual(store.get(KEY, ['package']), analysis());
  store.close();
});

test('another analyzer version, image or runtime is a miss', (t) => {
  const { store } = tempStore(t);
  store.put(analysis());
  t.is(store.get({ ...KEY, analyzerVersion: '0.2.0' }, ['package']), undefined);
  t.is(store.get({ ...KEY, image: 'dynaudit-sandbox-node:2' }, ['package']), undefined);
  t.is(store.get({ ...KEY, runtime: 'runsc' }, ['package']), undefined);
  t.is(store.get({ ...KEY, network: 'none', phases: 'install,import,execute' }, ['package']), undefined);
  store.close();
});

test('the fake internet\'s section is kept with the analysis', (t) => {
  const { store } = tempStore(t);
  const fakenet = { enabled: true, dnsQueries: 2, connections: 1, artifacts: { pcap: '/a/capture.pcap', sinkLog: '/a/sink.jsonl' } };
  store.put(analysis({ fakenet }));
  t.deepEqual(store.get(KEY, ['package'])?.fakenet, fakenet);
  store.close();
});

test('scopes are tried in the order asked', (t) => {
  const { store } = tempStore(t);
  store.put(analysis({ scope: 'tree', name: 'tree-view' }));
  t.is(store.get(KEY, ['package']), undefined);
  t.is(store.get(KEY, ['package', 'tree'])?.name, 'tree-view');
  store.put(analysis());
  t.is(store.get(KEY, ['package', 'tree'])?.name, 'a');
  store.close();
});

test('an analysis stored under extra integrities is found by each of them', (t) => {
  const { store } = tempStore(t);
  store.put(analysis(), ['sha1-xyz=']);
  t.truthy(store.get({ ...KEY, integrity: 'sha1-xyz=' }, ['package']));
  t.truthy(store.get({ ...KEY, integrity: 'sha1-xyz= sha512-abc=' }, ['package']));
  store.close();
});

test('results survive closing and reopening the file', (t) => {
  const { file, store } = tempStore(t);
  store.put(analysis());
  store.close();
  const again = new SqliteResultStore(file);
  t.is(again.get(KEY, ['package'])?.events.length, 1);
  again.close();
});

test('storing again replaces the earlier analysis', (t) => {
  const { store } = tempStore(t);
  store.put(analysis());
  store.put(analysis({ events: [] }));
  t.deepEqual(store.get(KEY, ['package'])?.events, []);
  store.close();
});

test('a file that is not a database is a store error', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-store-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'x.sqlite');
  writeFileSync(file, 'this is not sqlite at all, just text'.repeat(100));
  const error = t.throws(() => new SqliteResultStore(file), { instanceOf: DynauditError });
  t.is(error?.code, 'E_STORE');
});

test('the integrity key is the strongest hash, without options', (t) => {
  t.is(integrityKey('sha1-aaa= sha512-bbb=?foo'), 'sha512-bbb=');
  t.is(integrityKey('sha1-aaa='), 'sha1-aaa=');
});

test('a writer killed in the middle of storing leaves a readable store with every finished write', async (t) => {
  const { file, store } = tempStore(t);
  store.close();
  const { spawn } = await import('node:child_process');
  const storeModule = new URL('../../../src/store/sqlite-result-store.ts', import.meta.url).href;
  const script = `
    const { SqliteResultStore } = await import(${JSON.stringify(storeModule)});
    const store = new SqliteResultStore(${JSON.stringify(file)});
    const events = Array.from({ length: 2000 }, (_, i) => ({ kind: 'file', phase: 'install', pid: i, timestampMs: i, ok: true, operation: 'open', path: '/x/' + i, access: 'read', attribution: { package: 'a', via: 'import' } }));
    for (let i = 0; ; i++) {
      store.put({ key: { integrity: 'sha512-' + i, analyzerVersion: '0', image: 'i', runtime: 'runc', network: 'none', phases: 'install,import,execute' }, scope: 'package', name: 'p' + i, version: '1.0.0', integrity: 'sha512-' + i, source: 'registry', phases: [], events, installScripts: [], versions: [], startedAt: '', durationMs: 0, fakenet: { enabled: false } });
      if (i === 20) process.stdout.write('ready\\n');
    }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
  const again = new SqliteResultStore(file);
  const key = (i: number) => ({ integrity: `sha512-${i}`, analyzerVersion: '0', image: 'i', runtime: 'runc', network: 'none' as const, phases: 'install,import,execute' });
  for (let i = 0; i <= 20; i++) t.is(again.get(key(i), ['package'])?.events.length, 2000);
  again.close();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(file, { readonly: true });
  t.is((db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check, 'ok');
  db.close();
});

test('a judged report comes back under its judge key and is dropped when its analysis is replaced', (t) => {
  const { store } = tempStore(t);
  store.put(analysis());
  const report = { verdict: 'warn' } as unknown as import('../../../src/report/report-model.js').AnalysisReport;
  store.putJudged(KEY, 'policy-1:a@1.0.0', report);
  t.deepEqual(store.getJudged(KEY, 'policy-1:a@1.0.0'), report);
  t.is(store.getJudged(KEY, 'policy-2:a@1.0.0'), undefined);
  t.is(store.getJudged({ ...KEY, image: 'other' }, 'policy-1:a@1.0.0'), undefined);
  store.put(analysis({ durationMs: 20 }));
  t.is(store.getJudged(KEY, 'policy-1:a@1.0.0'), undefined);
  store.close();
});

/** A child process that stores `count` analyses under `prefix` in the store file, as fast as it can. */
async function writer(file: string, prefix: string, count: number): Promise<number | null> {
  const { spawn } = await import('node:child_process');
  const storeModule = new URL('../../../src/store/sqlite-result-store.ts', import.meta.url).href;
  const script = `
    const { SqliteResultStore } = await import(${JSON.stringify(storeModule)});
    const store = new SqliteResultStore(${JSON.stringify(file)});
    const events = Array.from({ length: 200 }, (_, i) => ({ kind: 'file', phase: 'install', pid: i, timestampMs: i, ok: true, operation: 'open', path: '/x/' + i, access: 'read', attribution: { package: 'a', via: 'import' } }));
    for (let i = 0; i < ${count}; i++) {
      const key = { integrity: 'sha512-${prefix}' + i, analyzerVersion: '0', image: 'i', runtime: 'runc', network: 'none', phases: 'install,import,execute' };
      store.put({ key, scope: 'package', name: '${prefix}' + i, version: '1.0.0', integrity: key.integrity, source: 'registry', phases: [], events, installScripts: [], versions: [], startedAt: '', durationMs: 0, fakenet: { enabled: false } });
      store.putJudged(key, 'policy', { verdict: 'pass' });
      if (!store.get(key, ['package'])) throw new Error('lost ' + i);
    }
    store.close();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve) => child.once('close', resolve));
}

test('two processes writing one store at once both keep every analysis, and the file stays whole', async (t) => {
  const { file, store } = tempStore(t);
  store.close();
  const codes = await Promise.all([writer(file, 'a', 150), writer(file, 'b', 150)]);
  t.deepEqual(codes, [0, 0]);
  const again = new SqliteResultStore(file);
  const key = (name: string) => ({ integrity: `sha512-${name}`, analyzerVersion: '0', image: 'i', runtime: 'runc', network: 'none' as const, phases: 'install,import,execute' });
  for (const prefix of ['a', 'b']) for (let i = 0; i < 150; i++) t.truthy(again.get(key(`${prefix}${i}`), ['package']), `${prefix}${i}`);
  again.close();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(file, { readonly: true });
  t.is((db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check, 'ok');
  db.close();
});

test('a store written by the first schema is brought up to date, its old analyses dropped', async (t) => {
  const { file, store } = tempStore(t);
  store.close();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(file);
  db.exec("DROP TABLE analyses; DROP TABLE judged; CREATE TABLE analyses (integrity TEXT, scope TEXT); INSERT INTO analyses VALUES ('sha512-old', 'package'); UPDATE meta SET value = '1' WHERE key = 'schema';");
  db.close();
  const upgraded = new SqliteResultStore(file);
  upgraded.put(analysis());
  t.truthy(upgraded.get(KEY, ['package']));
  upgraded.close();
  const check = new Database(file, { readonly: true });
  t.is((check.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string }).value, String(SCHEMA_VERSION));
  t.is((check.prepare('SELECT count(*) AS n FROM analyses').get() as { n: number }).n, 1);
  check.close();
});

test('a store of a newer schema is refused and left as it is', async (t) => {
  const { file, store } = tempStore(t);
  store.close();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(file);
  db.exec("UPDATE meta SET value = '99' WHERE key = 'schema'");
  db.close();
  const error = t.throws(() => new SqliteResultStore(file), { instanceOf: DynauditError });
  t.is(error?.code, 'E_STORE');
  t.regex(error?.message ?? '', new RegExp(`schema version 99, this dynaudit reads ${SCHEMA_VERSION} and older`));
});
