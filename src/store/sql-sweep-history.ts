/** The sweep history (see sweep-history.ts) in the result store's SQLite database: tables of schema 3. */
import type { Verdict } from '../events/finding.js';
import type { Owner } from '../sandbox/owner.js';
import type { Sql } from './sql.js';
import type { BeginResult, SweepHistory, SweepRecord, SweepRun, SweepRunStatus, VerdictChange } from './sweep-history.js';

export const HISTORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS sweep_runs (
  id TEXT PRIMARY KEY,
  sweep TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  owner TEXT NOT NULL,
  verdict TEXT
);
CREATE INDEX IF NOT EXISTS sweep_runs_by_sweep ON sweep_runs (sweep, started_at);
CREATE TABLE IF NOT EXISTS sweep_results (
  run_id TEXT NOT NULL,
  project TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  locked_version TEXT,
  integrity TEXT NOT NULL,
  analysis TEXT NOT NULL,
  verdict TEXT NOT NULL,
  findings TEXT NOT NULL,
  behaviour TEXT NOT NULL,
  PRIMARY KEY (run_id, project, kind, name, version)
);
CREATE TABLE IF NOT EXISTS verdict_changes (
  run_id TEXT NOT NULL,
  project TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  previous TEXT NOT NULL,
  verdict TEXT NOT NULL,
  PRIMARY KEY (run_id, project, kind, name, version)
);
`;

interface RunRow {
  id: string;
  sweep: string;
  started_at: string;
  finished_at: string | null;
  status: SweepRunStatus;
  owner: string;
  verdict: Verdict | null;
}

interface ResultRow {
  project: string;
  kind: SweepRecord['kind'];
  name: string;
  version: string;
  locked_version: string | null;
  integrity: string;
  analysis: string;
  verdict: Verdict;
  findings: string;
  behaviour: string;
}

function toRun(row: RunRow): SweepRun {
  return {
    id: row.id,
    sweep: row.sweep,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    owner: JSON.parse(row.owner) as Owner,
    verdict: row.verdict,
  };
}

function toRecord(row: ResultRow): SweepRecord {
  return {
    project: row.project,
    kind: row.kind,
    name: row.name,
    version: row.version,
    lockedVersion: row.locked_version,
    integrity: row.integrity,
    analysis: row.analysis,
    verdict: row.verdict,
    findings: JSON.parse(row.findings) as SweepRecord['findings'],
    behaviour: JSON.parse(row.behaviour) as SweepRecord['behaviour'],
  };
}

export class SqlSweepHistory implements SweepHistory {
  constructor(
    private readonly sql: Sql,
    private readonly newId: () => string,
  ) {}

  begin(sweep: string, owner: Owner, isGone: (owner: Owner) => boolean, now: string): BeginResult {
    return this.sql.write(() => {
      const open = this.sql.get<RunRow>("SELECT * FROM sweep_runs WHERE sweep = ? AND status != 'complete' ORDER BY started_at DESC LIMIT 1", [sweep]);
      if (open) {
        const run = toRun(open);
        if (run.status === 'running' && !isGone(run.owner)) return { busy: run };
        this.sql.run("UPDATE sweep_runs SET status = 'running', owner = ? WHERE id = ?", [JSON.stringify(owner), run.id]);
        return { run: { ...run, status: 'running' as const, owner }, resumed: true };
      }
      const run: SweepRun = { id: this.newId(), sweep, startedAt: now, finishedAt: null, status: 'running', owner, verdict: null };
      this.sql.run('INSERT INTO sweep_runs (id, sweep, started_at, status, owner) VALUES (?, ?, ?, ?, ?)', [run.id, sweep, now, 'running', JSON.stringify(owner)]);
      return { run, resumed: false };
    });
  }

  baseline(run: SweepRun, project: string): { run: SweepRun; records: SweepRecord[] } | undefined {
    const row = this.sql.get<RunRow>(
      `SELECT * FROM sweep_runs s WHERE s.sweep = ? AND s.status = 'complete' AND s.id != ? AND s.started_at <= ?
         AND EXISTS (SELECT 1 FROM sweep_results r WHERE r.run_id = s.id AND r.project = ?)
       ORDER BY s.started_at DESC LIMIT 1`,
      [run.sweep, run.id, run.startedAt, project],
    );
    return row ? { run: toRun(row), records: this.records(row.id, project) } : undefined;
  }

  recent(sweep: string, limit: number): SweepRun[] {
    return this.sql
      .all<RunRow>("SELECT * FROM sweep_runs WHERE sweep = ? AND status = 'complete' ORDER BY started_at DESC LIMIT ?", [sweep, limit])
      .map(toRun);
  }

  records(runId: string, project?: string): SweepRecord[] {
    const rows =
      project === undefined
        ? this.sql.all<ResultRow>('SELECT * FROM sweep_results WHERE run_id = ? ORDER BY project, kind, name, version', [runId])
        : this.sql.all<ResultRow>('SELECT * FROM sweep_results WHERE run_id = ? AND project = ? ORDER BY kind, name, version', [runId, project]);
    return rows.map(toRecord);
  }

  recordProject(runId: string, project: string, records: readonly SweepRecord[], changes: readonly VerdictChange[]): void {
    this.sql.write(() => {
      this.sql.run('DELETE FROM sweep_results WHERE run_id = ? AND project = ?', [runId, project]);
      this.sql.run('DELETE FROM verdict_changes WHERE run_id = ? AND project = ?', [runId, project]);
      for (const record of records) {
        this.sql.run(
          `INSERT OR REPLACE INTO sweep_results (run_id, project, kind, name, version, locked_version, integrity, analysis, verdict, findings, behaviour)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            runId, project, record.kind, record.name, record.version, record.lockedVersion, record.integrity, record.analysis, record.verdict,
            JSON.stringify(record.findings), JSON.stringify(record.behaviour),
          ],
        );
      }
      for (const change of changes) {
        this.sql.run(
          'INSERT OR REPLACE INTO verdict_changes (run_id, project, kind, name, version, previous, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [runId, project, change.kind, change.name, change.version, change.previous, change.verdict],
        );
      }
    });
  }

  verdictChanges(runId: string): VerdictChange[] {
    return this.sql.all<VerdictChange>(
      'SELECT project, kind, name, version, previous, verdict FROM verdict_changes WHERE run_id = ? ORDER BY project, kind, name, version',
      [runId],
    );
  }

  finish(runId: string, status: Exclude<SweepRunStatus, 'running'>, verdict: Verdict | null, now: string): void {
    this.sql.write(() => this.sql.run('UPDATE sweep_runs SET status = ?, verdict = ?, finished_at = ? WHERE id = ?', [status, verdict, now, runId]));
  }
}
