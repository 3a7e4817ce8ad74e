/**
 * The SQLite result store: the only file that imports better-sqlite3.
 * WAL journal, one transaction per write, so a killed run never leaves a
 * half-written row (at most the analysis in flight is lost) and several
 * dynaudit processes can share one file. Events are kept gzipped JSON.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { DynauditError } from '../common/errors.js';
import { integrityKey } from './integrity-key.js';
import type { AnalysisReport } from '../report/report-model.js';
import type { AnalysisScope, NetworkMode, ResultStore, StoredAnalysis, StoreKey } from './result-store.js';
import type { Sql } from './sql.js';
import { SqlSweepHistory } from './sql-sweep-history.js';
import { MIGRATIONS, SCHEMA, SCHEMA_VERSION } from './store-schema.js';
import type { SweepHistory } from './sweep-history.js';

interface Row {
  integrity: string;
  analyzer_version: string;
  image: string;
  runtime: string;
  network: NetworkMode;
  run_phases: string;
  scope: AnalysisScope;
  name: string;
  version: string;
  full_integrity: string;
  source: string;
  phases: string;
  install_scripts: string;
  versions: string;
  events: Buffer;
  started_at: string;
  duration_ms: number;
  fakenet: string;
}

function storeError(file: string, error: unknown): DynauditError {
  return new DynauditError('E_STORE', `result store ${file}: ${(error as Error).message}`, { cause: error });
}

export class SqliteResultStore implements ResultStore {
  private readonly db: Database.Database;

  constructor(private readonly file: string) {
    try {
      if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
      this.db = new Database(file, { timeout: 10_000 });
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      // IMMEDIATE: the migration reads the schema version, then writes; a deferred read upgraded to a write fails at once (SQLITE_BUSY) while another process writes.
      this.db.transaction(() => this.migrate()).immediate();
    } catch (error) {
      throw storeError(file, error);
    }
  }

  /** Creates the tables, or brings an older store up to this schema; a newer store is an error (nothing is changed). */
  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const found = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as { value: string } | undefined;
    let version = found === undefined ? SCHEMA_VERSION : Number(found.value);
    if (!Number.isInteger(version) || version > SCHEMA_VERSION) {
      throw new Error(`schema version ${found?.value}, this dynaudit reads ${SCHEMA_VERSION} and older (a newer dynaudit wrote it)`);
    }
    for (; version < SCHEMA_VERSION; version++) this.db.exec(MIGRATIONS[version] ?? '');
    this.db.exec(SCHEMA);
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('schema', String(SCHEMA_VERSION));
  }

  get(key: StoreKey, scopes: readonly AnalysisScope[]): StoredAnalysis | undefined {
    const select = this.db.prepare(
      'SELECT * FROM analyses WHERE integrity = ? AND analyzer_version = ? AND image = ? AND runtime = ? AND network = ? AND run_phases = ? AND scope = ?',
    );
    for (const scope of scopes) {
      const row = select.get(integrityKey(key.integrity), key.analyzerVersion, key.image, key.runtime, key.network, key.phases, scope) as Row | undefined;
      if (row) return this.fromRow(row);
    }
    return undefined;
  }

  put(analysis: StoredAnalysis, alsoUnder: readonly string[] = []): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO analyses (integrity, analyzer_version, image, runtime, network, run_phases, scope, name, version, full_integrity, source,
         phases, install_scripts, versions, events, event_count, started_at, duration_ms, fakenet, stored_at)
       VALUES (@integrity, @analyzer_version, @image, @runtime, @network, @run_phases, @scope, @name, @version, @full_integrity, @source,
         @phases, @install_scripts, @versions, @events, @event_count, @started_at, @duration_ms, @fakenet, @stored_at)`,
    );
    const row = {
      analyzer_version: analysis.key.analyzerVersion,
      image: analysis.key.image,
      runtime: analysis.key.runtime,
      network: analysis.key.network,
      run_phases: analysis.key.phases,
      scope: analysis.scope,
      name: analysis.name,
      version: analysis.version,
      full_integrity: analysis.integrity,
      source: analysis.source,
      phases: JSON.stringify(analysis.phases),
      install_scripts: JSON.stringify(analysis.installScripts),
      versions: JSON.stringify(analysis.versions),
      events: gzipSync(JSON.stringify(analysis.events)),
      event_count: analysis.events.length,
      started_at: analysis.startedAt,
      duration_ms: Math.round(analysis.durationMs),
      fakenet: JSON.stringify(analysis.fakenet),
      stored_at: new Date().toISOString(),
    };
    const keys = new Set([analysis.key.integrity, ...alsoUnder].map(integrityKey));
    const forget = this.db.prepare('DELETE FROM judged WHERE integrity = ? AND analyzer_version = ? AND image = ? AND runtime = ? AND network = ? AND run_phases = ?');
    try {
      this.db.transaction(() => {
        for (const integrity of keys) {
          insert.run({ ...row, integrity });
          forget.run(integrity, row.analyzer_version, row.image, row.runtime, row.network, row.run_phases);
        }
      })();
    } catch (error) {
      throw storeError(this.file, error);
    }
  }

  getJudged(key: StoreKey, judgeKey: string): AnalysisReport | undefined {
    const row = this.db
      .prepare('SELECT report FROM judged WHERE integrity = ? AND analyzer_version = ? AND image = ? AND runtime = ? AND network = ? AND run_phases = ? AND judge_key = ?')
      .get(integrityKey(key.integrity), key.analyzerVersion, key.image, key.runtime, key.network, key.phases, judgeKey) as { report: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.report) as AnalysisReport);
  }

  putJudged(key: StoreKey, judgeKey: string, report: AnalysisReport): void {
    try {
      this.db
        .prepare('INSERT OR REPLACE INTO judged (integrity, analyzer_version, image, runtime, network, run_phases, judge_key, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(integrityKey(key.integrity), key.analyzerVersion, key.image, key.runtime, key.network, key.phases, judgeKey, JSON.stringify(report));
    } catch (error) {
      throw storeError(this.file, error);
    }
  }

  /** The sweep history kept in the same file. */
  history(): SweepHistory {
    const db = this.db;
    const file = this.file;
    const guarded = <T>(work: () => T): T => {
      try {
        return work();
      } catch (error) {
        throw storeError(file, error);
      }
    };
    const sql: Sql = {
      run: (text, params = []) => guarded(() => void db.prepare(text).run(...params)),
      get: <T>(text: string, params: readonly unknown[] = []) => guarded(() => db.prepare(text).get(...params) as T | undefined),
      all: <T>(text: string, params: readonly unknown[] = []) => guarded(() => db.prepare(text).all(...params) as T[]),
      write: (work) => guarded(() => db.transaction(work).immediate()),
    };
    return new SqlSweepHistory(sql, () => randomBytes(6).toString('hex'));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private fromRow(row: Row): StoredAnalysis {
    return {
      key: { integrity: row.integrity, analyzerVersion: row.analyzer_version, image: row.image, runtime: row.runtime, network: row.network, phases: row.run_phases },
      scope: row.scope,
      name: row.name,
      version: row.version,
      integrity: row.full_integrity,
      source: row.source,
      phases: JSON.parse(row.phases) as StoredAnalysis['phases'],
      events: JSON.parse(gunzipSync(row.events).toString('utf8')) as StoredAnalysis['events'],
      installScripts: JSON.parse(row.install_scripts) as StoredAnalysis['installScripts'],
      versions: JSON.parse(row.versions) as StoredAnalysis['versions'],
      startedAt: row.started_at,
      durationMs: row.duration_ms,
      fakenet: JSON.parse(row.fakenet) as StoredAnalysis['fakenet'],
    };
  }
}
