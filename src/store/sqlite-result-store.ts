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
import { DynauditError } from '../common/errors.js';
import { integrityKey } from './integrity-key.js';
import type { AnalysisReport } from '../report/report-model.js';
import type { AnalysisScope, ResultStore, StoredAnalysis, StoreKey } from './result-store.js';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS analyses (
  integrity TEXT NOT NULL,
  analyzer_version TEXT NOT NULL,
  image TEXT NOT NULL,
  runtime TEXT NOT NULL,
  scope TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  full_integrity TEXT NOT NULL,
  source TEXT NOT NULL,
  phases TEXT NOT NULL,
  install_scripts TEXT NOT NULL,
  versions TEXT NOT NULL,
  events BLOB NOT NULL,
  event_count INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  stored_at TEXT NOT NULL,
  PRIMARY KEY (integrity, analyzer_version, image, runtime, scope)
);
CREATE INDEX IF NOT EXISTS analyses_by_name ON analyses (name, version);
CREATE TABLE IF NOT EXISTS judged (
  integrity TEXT NOT NULL,
  analyzer_version TEXT NOT NULL,
  image TEXT NOT NULL,
  runtime TEXT NOT NULL,
  judge_key TEXT NOT NULL,
  report TEXT NOT NULL,
  PRIMARY KEY (integrity, analyzer_version, image, runtime, judge_key)
);
`;

interface Row {
  integrity: string;
  analyzer_version: string;
  image: string;
  runtime: string;
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
      this.db.exec(SCHEMA);
      const found = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as { value: string } | undefined;
      if (found === undefined) this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', String(SCHEMA_VERSION));
      else if (found.value !== String(SCHEMA_VERSION)) throw new Error(`schema version ${found.value}, this dynaudit reads ${SCHEMA_VERSION}`);
    } catch (error) {
      throw storeError(file, error);
    }
  }

  get(key: StoreKey, scopes: readonly AnalysisScope[]): StoredAnalysis | undefined {
    const select = this.db.prepare(
      'SELECT * FROM analyses WHERE integrity = ? AND analyzer_version = ? AND image = ? AND runtime = ? AND scope = ?',
    );
    for (const scope of scopes) {
      const row = select.get(integrityKey(key.integrity), key.analyzerVersion, key.image, key.runtime, scope) as Row | undefined;
      if (row) return this.fromRow(row);
    }
    return undefined;
  }

  put(analysis: StoredAnalysis, alsoUnder: readonly string[] = []): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO analyses (integrity, analyzer_version, image, runtime, scope, name, version, full_integrity, source,
         phases, install_scripts, versions, events, event_count, started_at, duration_ms, stored_at)
       VALUES (@integrity, @analyzer_version, @image, @runtime, @scope, @name, @version, @full_integrity, @source,
         @phases, @install_scripts, @versions, @events, @event_count, @started_at, @duration_ms, @stored_at)`,
    );
    const row = {
      analyzer_version: analysis.key.analyzerVersion,
      image: analysis.key.image,
      runtime: analysis.key.runtime,
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
      stored_at: new Date().toISOString(),
    };
    const keys = new Set([analysis.key.integrity, ...alsoUnder].map(integrityKey));
    const forget = this.db.prepare('DELETE FROM judged WHERE integrity = ? AND analyzer_version = ? AND image = ? AND runtime = ?');
    try {
      this.db.transaction(() => {
        for (const integrity of keys) {
          insert.run({ ...row, integrity });
          forget.run(integrity, row.analyzer_version, row.image, row.runtime);
        }
      })();
    } catch (error) {
      throw storeError(this.file, error);
    }
  }

  getJudged(key: StoreKey, judgeKey: string): AnalysisReport | undefined {
    const row = this.db
      .prepare('SELECT report FROM judged WHERE integrity = ? AND analyzer_version = ? AND image = ? AND runtime = ? AND judge_key = ?')
      .get(integrityKey(key.integrity), key.analyzerVersion, key.image, key.runtime, judgeKey) as { report: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.report) as AnalysisReport);
  }

  putJudged(key: StoreKey, judgeKey: string, report: AnalysisReport): void {
    try {
      this.db
        .prepare('INSERT OR REPLACE INTO judged (integrity, analyzer_version, image, runtime, judge_key, report) VALUES (?, ?, ?, ?, ?, ?)')
        .run(integrityKey(key.integrity), key.analyzerVersion, key.image, key.runtime, judgeKey, JSON.stringify(report));
    } catch (error) {
      throw storeError(this.file, error);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private fromRow(row: Row): StoredAnalysis {
    return {
      key: { integrity: row.integrity, analyzerVersion: row.analyzer_version, image: row.image, runtime: row.runtime },
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
    };
  }
}
