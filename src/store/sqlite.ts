/**
 * The embedded Store: one SQLite file through better-sqlite3.
 *
 * Durability: WAL with `synchronous=FULL`, so a save that returned has been fsynced and
 * survives kill -9 and power loss (NORMAL would only survive a process crash). Multi-row
 * writes run in `BEGIN IMMEDIATE` transactions, which take the write lock up front, so two
 * processes saving the same scenario cannot both pick the same next version.
 * better-sqlite3 is synchronous; the async methods keep the Store contract shared with
 * PostgreSQL (the calls are short; the server runs heavy work elsewhere).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { hashTokenSecret } from './tokens.js';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSION_TABLE, pendingMigrations } from './migrations.js';
import type { DatasetRow, ResolvedStoreOptions, RunRow, ScenarioRow, TokenRow } from './records.js';
import {
  RUN_SUMMARY_COLUMNS,
  clampLimit,
  datasetRow,
  fromJson,
  resolveStoreOptions,
  runRow,
  scenarioRow,
  toDatasetVersion,
  toRunRecord,
  toRunSummary,
  toScenarioVersion,
  toTokenRecord,
  tokenRow,
} from './records.js';
import type {
  DatasetVersion,
  DatasetVersionWithContent,
  NewDatasetVersion,
  NewRun,
  NewScenarioVersion,
  RunFilter,
  RunRecord,
  RunSummary,
  ScenarioVersion,
  ScenarioVersionWithContent,
  Store,
  StoreOptions,
  TokenRecord,
  TokenRole,
} from './types.js';
import { StoreNotFoundError } from './types.js';
import type { Scenario } from '../core/scenario.js';

export interface SqliteStoreOptions extends StoreOptions {
  /** Migrate up to this version only (tests of older schemas). Default: the latest. */
  schemaVersion?: number;
}

type Db = Database.Database;

const DATASET_COLUMNS = 'id, hash, name, items, source, importer, parent_id, note, created_at';
const SCENARIO_COLUMNS = 'id, version, name, hash, source, note, created_at';

/** Open (creating folders and the file if needed) and migrate; `:memory:` works too. */
export function openSqliteDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another process holding the write lock: wait rather than fail at once.
  db.pragma('busy_timeout = 5000');
  return db;
}

export function sqliteSchemaVersion(db: Db): number {
  db.exec(SCHEMA_VERSION_TABLE);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}

/** Apply pending migrations, each in its own immediate transaction. */
export function migrateSqlite(db: Db, now: () => Date, target = LATEST_SCHEMA_VERSION): number {
  db.exec(SCHEMA_VERSION_TABLE);
  for (;;) {
    let applied = false;
    db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      const next = pendingMigrations(sqliteSchemaVersion(db), target)[0];
      if (!next) return;
      for (const sql of next.sqlite) db.exec(sql);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(
        next.version,
        next.name,
        now().toISOString(),
      );
      applied = true;
    }).immediate();
    if (!applied) return sqliteSchemaVersion(db);
  }
}

export class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  private readonly o: ResolvedStoreOptions;

  private constructor(
    readonly db: Db,
    readonly path: string,
    options: StoreOptions,
  ) {
    this.o = resolveStoreOptions(options);
  }

  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    const db = openSqliteDatabase(path);
    try {
      const store = new SqliteStore(db, path, options);
      migrateSqlite(db, store.o.clock, options.schemaVersion);
      return store;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  async schemaVersion(): Promise<number> {
    return sqliteSchemaVersion(this.db);
  }

  async saveDataset(
    input: NewDatasetVersion,
  ): Promise<{ version: DatasetVersion; created: boolean }> {
    const row = datasetRow(input, this.o);
    return this.db
      .transaction(() => {
        const existing = this.db
          .prepare(`SELECT ${DATASET_COLUMNS} FROM dataset_versions WHERE hash = ?`)
          .get(row.hash) as DatasetRow | undefined;
        if (existing) return { version: toDatasetVersion(existing), created: false };
        if (row.parent_id !== null && !this.hasDataset(row.parent_id))
          throw new StoreNotFoundError(`no dataset version "${row.parent_id}" (the parent)`);
        this.db
          .prepare(
            `INSERT INTO dataset_versions (id, hash, name, items, source, importer, parent_id, note, created_at, content)
             VALUES (@id, @hash, @name, @items, @source, @importer, @parent_id, @note, @created_at, @content)`,
          )
          .run(row);
        return { version: toDatasetVersion(row), created: true };
      })
      .immediate();
  }

  private hasDataset(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM dataset_versions WHERE id = ?').get(id) !== undefined;
  }

  async listDatasets(): Promise<DatasetVersion[]> {
    const rows = this.db
      .prepare(
        `SELECT id, hash, name, items, source, importer, parent_id, note, created_at
         FROM dataset_versions ORDER BY created_at DESC, id`,
      )
      .all() as DatasetRow[];
    return rows.map(toDatasetVersion);
  }

  async getDataset(idOrHash: string): Promise<DatasetVersionWithContent | undefined> {
    const row = this.db
      .prepare('SELECT * FROM dataset_versions WHERE id = ? OR hash = ?')
      .get(idOrHash, idOrHash) as (DatasetRow & { content: string }) | undefined;
    if (!row) return undefined;
    return {
      ...toDatasetVersion(row),
      content: fromJson(row.content) as Record<string, unknown>,
    };
  }

  async saveScenario(
    input: NewScenarioVersion,
  ): Promise<{ version: ScenarioVersion; created: boolean }> {
    const row = scenarioRow(input, this.o);
    return this.db
      .transaction(() => {
        const latest = this.db
          .prepare(
            `SELECT ${SCENARIO_COLUMNS} FROM scenario_versions WHERE id = ? ORDER BY version DESC LIMIT 1`,
          )
          .get(row.id) as ScenarioRow | undefined;
        if (latest && latest.hash === row.hash)
          return { version: toScenarioVersion(latest), created: false };
        const full = { ...row, version: (latest?.version ?? 0) + 1 };
        this.db
          .prepare(
            `INSERT INTO scenario_versions (id, version, name, hash, source, note, created_at, content)
             VALUES (@id, @version, @name, @hash, @source, @note, @created_at, @content)`,
          )
          .run(full);
        return { version: toScenarioVersion(full), created: true };
      })
      .immediate();
  }

  async listScenarios(): Promise<ScenarioVersion[]> {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.version, s.name, s.hash, s.source, s.note, s.created_at
         FROM scenario_versions s
         JOIN (SELECT id, MAX(version) AS version FROM scenario_versions GROUP BY id) m
           ON m.id = s.id AND m.version = s.version
         ORDER BY s.id`,
      )
      .all() as ScenarioRow[];
    return rows.map(toScenarioVersion);
  }

  async scenarioHistory(id: string): Promise<ScenarioVersion[]> {
    const rows = this.db
      .prepare(
        `SELECT id, version, name, hash, source, note, created_at
         FROM scenario_versions WHERE id = ? ORDER BY version`,
      )
      .all(id) as ScenarioRow[];
    return rows.map(toScenarioVersion);
  }

  async getScenario(id: string, version?: number): Promise<ScenarioVersionWithContent | undefined> {
    const row = (
      version === undefined
        ? this.db
            .prepare('SELECT * FROM scenario_versions WHERE id = ? ORDER BY version DESC LIMIT 1')
            .get(id)
        : this.db
            .prepare('SELECT * FROM scenario_versions WHERE id = ? AND version = ?')
            .get(id, version)
    ) as (ScenarioRow & { content: string }) | undefined;
    if (!row) return undefined;
    return { ...toScenarioVersion(row), scenario: fromJson(row.content) as Scenario };
  }

  async saveRun(input: NewRun): Promise<RunSummary> {
    const row = runRow(input, this.o);
    return this.db
      .transaction(() => {
        if (!this.hasDataset(row.dataset_version_id))
          throw new StoreNotFoundError(`no dataset version "${row.dataset_version_id}"`);
        if (
          row.scenario_id !== null &&
          this.db
            .prepare('SELECT 1 FROM scenario_versions WHERE id = ? AND version = ?')
            .get(row.scenario_id, row.scenario_version) === undefined
        )
          throw new StoreNotFoundError(
            `no saved scenario "${row.scenario_id}@${row.scenario_version}"`,
          );
        this.db
          .prepare(
            `INSERT INTO runs (id, kind, status, dataset_version_id, scenario_id, scenario_version,
               inputs, results, started_at, finished_at, duration_ms, error)
             VALUES (@id, @kind, @status, @dataset_version_id, @scenario_id, @scenario_version,
               @inputs, @results, @started_at, @finished_at, @duration_ms, @error)`,
          )
          .run(row);
        return toRunSummary(row);
      })
      .immediate();
  }

  async listRuns(filter: RunFilter = {}): Promise<RunSummary[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const eq = (col: string, v: unknown) => {
      if (v !== undefined) {
        where.push(`${col} = ?`);
        args.push(v);
      }
    };
    eq('kind', filter.kind);
    eq('status', filter.status);
    eq('dataset_version_id', filter.datasetVersionId);
    eq('scenario_id', filter.scenarioId);
    args.push(clampLimit(filter.limit));
    const rows = this.db
      .prepare(
        `SELECT ${RUN_SUMMARY_COLUMNS} FROM runs
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY started_at DESC, id DESC LIMIT ?`,
      )
      .all(...args) as RunRow[];
    return rows.map(toRunSummary);
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as
      (RunRow & { inputs: string; results: string | null }) | undefined;
    return row ? toRunRecord(row) : undefined;
  }

  async createToken(input: {
    name: string;
    role: TokenRole;
  }): Promise<{ token: TokenRecord; secret: string }> {
    const { row, secret } = tokenRow(input, this.o);
    this.db
      .prepare(
        `INSERT INTO api_tokens (id, name, role, secret_sha256, created_at, revoked_at)
         VALUES (@id, @name, @role, @secret_sha256, @created_at, @revoked_at)`,
      )
      .run(row);
    return { token: toTokenRecord(row), secret };
  }

  async listTokens(): Promise<TokenRecord[]> {
    const rows = this.db
      .prepare(
        'SELECT id, name, role, created_at, revoked_at FROM api_tokens ORDER BY created_at, id',
      )
      .all() as TokenRow[];
    return rows.map(toTokenRecord);
  }

  async revokeToken(id: string): Promise<boolean> {
    const r = this.db
      .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.o.clock().toISOString(), id);
    return r.changes === 1;
  }

  async verifyToken(secret: string): Promise<TokenRecord | undefined> {
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > 200) return undefined;
    const row = this.db
      .prepare(
        `SELECT id, name, role, created_at, revoked_at FROM api_tokens
         WHERE secret_sha256 = ? AND revoked_at IS NULL`,
      )
      .get(hashTokenSecret(secret)) as TokenRow | undefined;
    return row ? toTokenRecord(row) : undefined;
  }

  /** A consistent copy of the database, safe while others read and write (SQLite online backup). */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  /** `PRAGMA integrity_check` and `foreign_key_check`: empty when the file is sound. */
  async integrityProblems(): Promise<string[]> {
    const integrity = (this.db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .filter((s) => s !== 'ok');
    const fk = (this.db.pragma('foreign_key_check') as { table: string; rowid: number }[]).map(
      (r) => `foreign key broken in ${r.table} row ${r.rowid}`,
    );
    return [...integrity, ...fk];
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
