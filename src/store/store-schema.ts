/** The result store's tables and how an older store is brought up to them (SQL text, pure). */
import { HISTORY_SCHEMA } from './sql-sweep-history.js';

export const SCHEMA_VERSION = 4;

/**
 * What turns a store of schema N into N+1. Stored analyses of schema 1
 * were made by an older analyzer, so no key could find them again: they
 * are dropped rather than converted. Schema 3 adds the sweep history and
 * keeps every analysis and judged report. Schema 4 keys analyses by the
 * phases run; older ones were made by an older analyzer and are dropped.
 */
export const MIGRATIONS: Readonly<Record<number, string>> = {
  1: 'DROP TABLE IF EXISTS analyses; DROP TABLE IF EXISTS judged;',
  2: HISTORY_SCHEMA,
  3: 'DROP TABLE IF EXISTS analyses; DROP TABLE IF EXISTS judged;',
};

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS analyses (
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
);
CREATE INDEX IF NOT EXISTS analyses_by_name ON analyses (name, version);
CREATE TABLE IF NOT EXISTS judged (
  integrity TEXT NOT NULL,
  analyzer_version TEXT NOT NULL,
  image TEXT NOT NULL,
  runtime TEXT NOT NULL,
  network TEXT NOT NULL,
  run_phases TEXT NOT NULL,
  judge_key TEXT NOT NULL,
  report TEXT NOT NULL,
  PRIMARY KEY (integrity, analyzer_version, image, runtime, network, run_phases, judge_key)
);
${HISTORY_SCHEMA}`;
