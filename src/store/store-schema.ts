/** The result store's tables and how an older store is brought up to them (SQL text, pure). */
import { HISTORY_SCHEMA } from './sql-sweep-history.js';

export const SCHEMA_VERSION = 4;

const ANALYSES = `CREATE TABLE IF NOT EXISTS analyses (
  integrity TEXT NOT NULL,
  analyzer_version TEXT NOT NULL,
  image TEXT NOT NULL,
  runtime TEXT NOT NULL,
  network TEXT NOT NULL,
  run_phases TEXT NOT NULL,
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
  PRIMARY KEY (integrity, analyzer_version, image, runtime, network, run_phases, scope)
);`;

const JUDGED = `CREATE TABLE IF NOT EXISTS judged (
  integrity TEXT NOT NULL,
  analyzer_version TEXT NOT NULL,
  image TEXT NOT NULL,
  runtime TEXT NOT NULL,
  network TEXT NOT NULL,
  run_phases TEXT NOT NULL,
  judge_key TEXT NOT NULL,
  report TEXT NOT NULL,
  PRIMARY KEY (integrity, analyzer_version, image, runtime, network, run_phases, judge_key)
);`;

/**
 * What turns a store of schema N into N+1. Stored analyses of schema 1
 * were made by an older analyzer, so no key could find them again: they
 * are dropped rather than converted. Schema 3 adds the sweep history and
 * keeps every analysis and judged report. Schema 4 keys analyses and
 * judged reports by the phases run (run_phases); the older ones ran install
 * and import.
 */
export const MIGRATIONS: Readonly<Record<number, string>> = {
  1: 'DROP TABLE IF EXISTS analyses; DROP TABLE IF EXISTS judged;',
  2: HISTORY_SCHEMA,
  // (a store coming from schema 1 has no tables left to convert: they are made first)
  3: `${ANALYSES}
      ${JUDGED}
      ALTER TABLE analyses RENAME TO analyses_v3;
      ALTER TABLE judged RENAME TO judged_v3;
      DROP INDEX IF EXISTS analyses_by_name;
      ${ANALYSES}
      ${JUDGED}
      INSERT INTO analyses SELECT integrity, analyzer_version, image, runtime, network, 'install,import', scope, name, version, full_integrity, source,
        phases, install_scripts, versions, events, event_count, started_at, duration_ms, fakenet, stored_at FROM analyses_v3;
      INSERT INTO judged SELECT integrity, analyzer_version, image, runtime, network, 'install,import', judge_key, report FROM judged_v3;
      DROP TABLE analyses_v3;
      DROP TABLE judged_v3;`,
};

export const SCHEMA = `
${ANALYSES}
CREATE INDEX IF NOT EXISTS analyses_by_name ON analyses (name, version);
${JUDGED}
${HISTORY_SCHEMA}`;
