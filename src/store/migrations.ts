/**
 * Schema migrations: a numbered list, applied in order, each in its own transaction, and
 * recorded in `schema_version` (one row per applied step). A database is at version N when
 * steps 1..N are recorded; a new database starts at 0. Steps are never edited once released:
 * change the schema by appending a step, and add its seed to test/store/migrations.ts so the
 * suite migrates a database created at every earlier version.
 *
 * Both dialects keep the same semantics. Times are ISO 8601 UTC text in both (so ordering and
 * round trips agree); JSON is TEXT in SQLite and `json` (text kept as written) in PostgreSQL.
 */

import { StoreSchemaError } from './types.js';

export interface Migration {
  version: number;
  name: string;
  sqlite: readonly string[];
  postgres: readonly string[];
}

const KINDS = `('simulate', 'rank', 'risk', 'plan')`;

function init(json: string, bigint: string): string[] {
  return [
    `CREATE TABLE dataset_versions (
      id TEXT PRIMARY KEY,
      hash TEXT NOT NULL UNIQUE,
      name TEXT,
      items INTEGER NOT NULL,
      source TEXT NOT NULL,
      importer TEXT,
      parent_id TEXT REFERENCES dataset_versions (id),
      note TEXT,
      created_at TEXT NOT NULL,
      content ${json} NOT NULL
    )`,
    `CREATE TABLE scenario_versions (
      id TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      name TEXT,
      hash TEXT NOT NULL,
      source TEXT,
      note TEXT,
      created_at TEXT NOT NULL,
      content ${json} NOT NULL,
      PRIMARY KEY (id, version)
    )`,
    `CREATE TABLE runs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
      dataset_version_id TEXT NOT NULL REFERENCES dataset_versions (id),
      scenario_id TEXT,
      scenario_version INTEGER,
      inputs ${json} NOT NULL,
      results ${json},
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      duration_ms ${bigint} NOT NULL,
      FOREIGN KEY (scenario_id, scenario_version) REFERENCES scenario_versions (id, version)
    )`,
    `CREATE INDEX runs_by_start ON runs (started_at, id)`,
  ];
}

const runStatus = [
  `ALTER TABLE runs ADD COLUMN status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'failed'))`,
  `ALTER TABLE runs ADD COLUMN error TEXT`,
  `CREATE INDEX runs_by_kind ON runs (kind, started_at)`,
];

const tokens = [
  `CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    secret_sha256 TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  )`,
];

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sqlite: init('TEXT', 'INTEGER'), postgres: init('json', 'BIGINT') },
  { version: 2, name: 'run_status', sqlite: runStatus, postgres: runStatus },
  { version: 3, name: 'api_tokens', sqlite: tokens, postgres: tokens },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export const SCHEMA_VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** The steps that take a database from `current` to `target`; throws if it is ahead of us. */
export function pendingMigrations(current: number, target = LATEST_SCHEMA_VERSION): Migration[] {
  if (current > LATEST_SCHEMA_VERSION) {
    throw new SchemaTooNewError(current);
  }
  return MIGRATIONS.filter((m) => m.version > current && m.version <= target);
}

export class SchemaTooNewError extends StoreSchemaError {
  constructor(readonly found: number) {
    super(
      `the database has schema version ${found}, newer than this chokepoint knows ` +
        `(${LATEST_SCHEMA_VERSION}); upgrade chokepoint, or point --db at another database`,
    );
  }
}
