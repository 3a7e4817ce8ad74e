import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import type { Owner } from '../../../src/sandbox/owner.js';
import { SqliteResultStore } from '../../../src/store/sqlite-result-store.js';
import { record } from '../sweep/helpers.js';

const ME: Owner = { host: 'h', boot: 'b', pid: 100, start: '1' };
const OTHER: Owner = { host: 'h', boot: 'b', pid: 200, start: '2' };
const alive = (): boolean => false;
const gone = (): boolean => true;

function tempFile(t: import('ava').ExecutionContext): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dynaudit-history-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'results.sqlite');
}

function started(result: ReturnType<ReturnType<SqliteResultStore['history']>['begin']>) {
  if ('busy' in result) throw new Error(`busy: ${result.busy.id}`);
  return result;
}

test('a run records each project, and the next run compares with the last complete one that recorded it', (t) => {
  const store = new SqliteResultStore(tempFile(t));
  const history = store.history();
  const first = started(history.begin('/s.yaml', ME, alive, '2026-01-01T00:00:00.000Z')).run;
  history.recordProject(first.id, 'web', [record('a', '1.0.0'), record('lib', '1.0.1', { kind: 'release', verdict: 'fail' })], []);
  history.finish(first.id, 'complete', 'fail', '2026-01-01T00:10:00.000Z');
  const second = started(history.begin('/s.yaml', ME, alive, '2026-01-02T00:00:00.000Z')).run;
  t.not(second.id, first.id);
  const baseline = history.baseline(second, 'web');
  t.is(baseline?.run.id, first.id);
  t.deepEqual(baseline?.records, [record('a', '1.0.0'), record('lib', '1.0.1', { kind: 'release', verdict: 'fail' })]);
  t.is(history.baseline(second, 'api'), undefined);
  const change = { project: 'web', kind: 'locked', name: 'a', version: '1.0.0', previous: 'pass', verdict: 'fail' } as const;
  history.recordProject(second.id, 'web', [record('a', '1.0.0', { verdict: 'fail' })], [change]);
  history.recordProject(second.id, 'web', [record('a', '1.0.0', { verdict: 'fail' })], [change]);
  t.deepEqual(history.verdictChanges(second.id), [change]);
  t.is(history.records(second.id).length, 1);
  history.finish(second.id, 'complete', 'fail', '2026-01-02T00:10:00.000Z');
  t.deepEqual(history.recent('/s.yaml', 10).map((run) => run.id), [second.id, first.id]);
  t.deepEqual(history.recent('/other.yaml', 10), []);
  store.close();
});

test('an interrupted run is resumed, a running one whose process is gone too, a running one whose process lives makes the next busy', (t) => {
  const store = new SqliteResultStore(tempFile(t));
  const history = store.history();
  const run = started(history.begin('/s.yaml', OTHER, alive, '2026-01-01T00:00:00.000Z')).run;
  const busy = history.begin('/s.yaml', ME, alive, '2026-01-01T00:01:00.000Z');
  t.true('busy' in busy && busy.busy.id === run.id);
  t.true('busy' in history.begin('/s.yaml', ME, (owner) => owner.pid !== OTHER.pid, '2026-01-01T00:01:00.000Z'));
  const taken = started(history.begin('/s.yaml', ME, gone, '2026-01-01T00:02:00.000Z'));
  t.like(taken, { resumed: true, run: { id: run.id, startedAt: run.startedAt, owner: ME, status: 'running' } });
  history.finish(run.id, 'interrupted', null, '2026-01-01T00:03:00.000Z');
  t.like(started(history.begin('/s.yaml', ME, alive, '2026-01-01T00:04:00.000Z')), { resumed: true, run: { id: run.id } });
  t.false(started(history.begin('/other.yaml', ME, alive, '2026-01-01T00:04:00.000Z')).resumed);
  store.close();
});

test('a store of schema 2 is brought to schema 4 with its analyses and judged reports kept, as runs of install and import', (t) => {
  const file = tempFile(t);
  const db = new Database(file);
  db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta VALUES ('schema', '2');
    CREATE TABLE analyses (integrity TEXT NOT NULL, analyzer_version TEXT NOT NULL, image TEXT NOT NULL, runtime TEXT NOT NULL, network TEXT NOT NULL,
      scope TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL, full_integrity TEXT NOT NULL, source TEXT NOT NULL, phases TEXT NOT NULL,
      install_scripts TEXT NOT NULL, versions TEXT NOT NULL, events BLOB NOT NULL, event_count INTEGER NOT NULL, started_at TEXT NOT NULL,
      duration_ms INTEGER NOT NULL, fakenet TEXT NOT NULL, stored_at TEXT NOT NULL, PRIMARY KEY (integrity, analyzer_version, image, runtime, network, scope));
    CREATE TABLE judged (integrity TEXT NOT NULL, analyzer_version TEXT NOT NULL, image TEXT NOT NULL, runtime TEXT NOT NULL, network TEXT NOT NULL,
      judge_key TEXT NOT NULL, report TEXT NOT NULL, PRIMARY KEY (integrity, analyzer_version, image, runtime, network, judge_key));
    INSERT INTO judged VALUES ('sha512-abc=', '0.1.0', 'img', 'runc', 'fakenet', 'k', '{"verdict":"pass"}');`);
  db.close();
  const store = new SqliteResultStore(file);
  const key = { integrity: 'sha512-abc=', analyzerVersion: '0.1.0', image: 'img', runtime: 'runc', network: 'fakenet', phases: 'install,import' } as const;
  t.deepEqual(store.getJudged(key, 'k'), { verdict: 'pass' } as never);
  t.is(store.getJudged({ ...key, phases: 'install,import,execute' }, 'k'), undefined, 'a run with the execute phase is another run');
  t.false('busy' in store.history().begin('/s.yaml', ME, alive, '2026-01-01T00:00:00.000Z'));
  store.close();
  const check = new Database(file, { readonly: true });
  t.deepEqual(check.prepare("SELECT value FROM meta WHERE key = 'schema'").get(), { value: '4' });
  check.close();
});

test('two processes writing sweeps and analyses to one store at once both finish, and every write is there', async (t) => {
  const file = tempFile(t);
  new SqliteResultStore(file).close();
  const storeModule = new URL('../../../src/store/sqlite-result-store.ts', import.meta.url).href;
  const writer = (label: string) => `
    const { SqliteResultStore } = await import(${JSON.stringify(storeModule)});
    const store = new SqliteResultStore(${JSON.stringify(file)});
    const history = store.history();
    const owner = { host: 'h', boot: 'b', pid: process.pid, start: '' };
    const behaviour = { hosts: [], dnsNames: [], processes: [], filesWritten: [], credentialsRead: [], installScripts: [] };
    for (let i = 0; i < 40; i++) {
      const begun = history.begin('/${label}.yaml', owner, () => true, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
      const records = Array.from({ length: 50 }, (_, n) => ({ project: 'p', kind: 'locked', name: 'pkg' + n, version: '1.0.' + i, lockedVersion: null,
        integrity: 'sha512-' + n, analysis: '', verdict: 'pass', findings: [], behaviour }));
      history.recordProject(begun.run.id, 'p', records, []);
      store.put({ key: { integrity: 'sha512-${label}' + i, analyzerVersion: '0', image: 'i', runtime: 'runc', network: 'none', phases: 'install,import,execute' }, scope: 'package', name: 'x', version: '1.0.0',
        integrity: 'sha512-${label}' + i, source: 'registry', phases: [], events: [], installScripts: [], versions: [], startedAt: '', durationMs: 0, fakenet: { enabled: false } });
      history.finish(begun.run.id, 'complete', 'pass', new Date().toISOString());
    }
    store.close();`;
  const run = (label: string) =>
    new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer(label)], { stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('close', resolve);
    });
  t.deepEqual(await Promise.all([run('one'), run('two')]), [0, 0]);
  const db = new Database(file, { readonly: true });
  t.deepEqual(db.prepare('PRAGMA integrity_check').all(), [{ integrity_check: 'ok' }]);
  t.deepEqual(db.prepare("SELECT sweep, count(*) AS runs FROM sweep_runs WHERE status = 'complete' GROUP BY sweep ORDER BY sweep").all(), [
    { sweep: '/one.yaml', runs: 40 },
    { sweep: '/two.yaml', runs: 40 },
  ]);
  t.deepEqual(db.prepare('SELECT count(*) AS n FROM sweep_results').get(), { n: 4000 });
  t.deepEqual(db.prepare('SELECT count(*) AS n FROM analyses').get(), { n: 80 });
  db.close();
});
