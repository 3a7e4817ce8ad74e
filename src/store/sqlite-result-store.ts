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
import type { AnalysisScope, NetworkMode, ResultStore, StoredAnalysis, StoreKey } from './result-store.js';

const SCHEMA_VERSION = 2;

/**
 * What turns a store of schema N into N+1. Stored analyses of an older
 * schema were made by an older analyzer, so no key could find them again:
 * they are dropped rather than converted.
 */
const MIGRATIONS: Readonly<Record<number, string>> = {
  1: 'DROP TABLE IF EXISTS analyses; DROP TABLE IF EXISTS judged;',
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS analyses (
  integrity TEXT NOT NULL,
  analyzer_version TEXT NOT NULL,
  image TEXT NOT NULL,
  runtime TEXT NOT NULL,
  network TEXT NOT NULL,
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
  fakenet TEXT NOT NULL,
  stored_at TEXT NOT NULL,
  PRIMARY KEY (integrity, analyzer_version, image, runtime, network, scope)
);
CREATE INDEX IF NOT EXISTS analyses_by_name ON analyses (name, version);
CREATE TABLE IF NOT EXISTS judged (
  integrity TEXT NOT NULL,
  analyzer_version TEXT NOT NULL,
  image TEXT NOT NULL,
  runtime TEXT NOT NULL,
  network TEXT NOT NULL,
  judge_key TEXT NOT NULL,
  report TEXT NOT NULL,
  PRIMARY KEY (integrity, analyzer_version, image, runtime, network, judge_key)
);
`;

interface Row {
  integrity: string;
  analyzer_version: string;
  image: string;
  runtime: string;
  network: NetworkMode;
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
      this.db.transaction(() => this.migrate())();
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
      'SELECT * FROM analyses WHERE integrity = ? AND analyzer_version = ? AND image = ? AND runtime = ? AND network = ? AND scope = ?',
    );
    for (const scope of scopes) {
      const row = select.get(integrityKey(key.integrity), key.analyzerVersion, key.image, key.runtime, key.network, scope) as Row | undefined;
      if (row) return this.fromRow(row);
    }
    return undefined;
  }

  put(analysis: StoredAnalysis, alsoUnder: readonly string[] = []): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO analyses (integrity, analyzer_version, image, runtime, network, scope, name, version, full_integrity, source,
         phases, install_scripts, versions, events, event_count, started_at, duration_ms, fakenet, stored_at)
       VALUES (@integrity, @analyzer_version, @image, @runtime, @network, @scope, @name, @version, @full_integrity, @source,
         @phases, @install_scripts, @versions, @events, @event_count, @started_at, @duration_ms, @fakenet, @stored_at)`,
    );
    const row = {
      analyzer_version: analysis.key.analyzerVersion,
      image: analysis.key.image,
      runtime: analysis.key.runtime,
      network: analysis.key.network,
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
    const forget = this.db.prepare('DELETE FROM judged WHERE integrity = ? AND analyzer_version = ? AND image = ? AND runtime = ? AND network = ?');
    try {
      this.db.transaction(() => {
        for (const integrity of keys) {
          insert.run({ ...row, integrity });
          forget.run(integrity, row.analyzer_version, row.image, row.runtime, row.network);
        }
      })();
    } catch (error) {
      throw storeError(this.file, error);
    }
  }

  getJudged(key: StoreKey, judgeKey: string): AnalysisReport | undefined {
    const row = this.db
      .prepare('SELECT report FROM judged WHERE integrity = ? AND analyzer_version = ? AND image = ? AND runtime = ? AND network = ? AND judge_key = ?')
      .get(integrityKey(key.integrity), key.analyzerVersion, key.image, key.runtime, key.network, judgeKey) as { report: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.report) as AnalysisReport);
  }

  putJudged(key: StoreKey, judgeKey: string, report: AnalysisReport): void {
    try {
      this.db
        .prepare('INSERT OR REPLACE INTO judged (integrity, analyzer_version, image, runtime, network, judge_key, report) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(integrityKey(key.integrity), key.analyzerVersion, key.image, key.runtime, key.network, judgeKey, JSON.stringify(report));
    } catch (error) {
      throw storeError(this.file, error);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private fromRow(row: Row): StoredAnalysis {
    return {
      key: { integrity: row.integrity, analyzerVersion: row.analyzer_version, image: row.image, runtime: row.runtime, network: row.network },
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
