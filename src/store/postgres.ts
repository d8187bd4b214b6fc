/**
 * The shared Store: PostgreSQL through a pg Pool (selected when DATABASE_URL is set).
 *
 * Same schema and semantics as SQLite (migrations.ts). Multi-row writes run in transactions on
 * one pooled client. Concurrent saves of one scenario id are serialized by a transaction-level
 * advisory lock on that id, so version numbers stay 1, 2, 3 ... without gaps or conflicts;
 * migrations take a lock of their own so several servers may start at once.
 * An optional `schema` keeps several stores (or test runs) apart in one database.
 */
import pg from 'pg';
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
import { StoreInputError, StoreNotFoundError } from './types.js';
import type { Scenario } from '../core/scenario.js';

export interface PostgresStoreOptions extends StoreOptions {
  /** A PostgreSQL schema (created if missing) instead of `public`. Lowercase letters, digits, _. */
  schema?: string;
  /** Pool size. Default 5. */
  maxConnections?: number;
  /** Migrate up to this version only (tests of older schemas). Default: the latest. */
  schemaVersion?: number;
}

type Queryable = pg.Pool | pg.PoolClient;

const DATASET_COLUMNS = 'id, hash, name, items, source, importer, parent_id, note, created_at';
const SCENARIO_COLUMNS = 'id, version, name, hash, source, note, created_at';

/** A pool whose connections use `schema` (validated: it is spliced into SQL). */
export function postgresPool(connectionString: string, schema?: string, max = 5): pg.Pool {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new StoreInputError(`schema name "${schema}" must be lowercase letters, digits and _`);
  return new pg.Pool({
    connectionString,
    max,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
}

async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Lock key for one name, held until the transaction ends. */
const lock = (c: pg.PoolClient, name: string) =>
  c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);

export async function postgresSchemaVersion(q: Queryable): Promise<number> {
  const r = await q.query<{ v: number | null }>(
    `SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0
       ELSE (SELECT COALESCE(MAX(version), 0) FROM schema_version) END AS v`,
  );
  return Number(r.rows[0]?.v ?? 0);
}

/** Apply pending migrations, each in its own transaction under a migration lock. */
export async function migratePostgres(
  pool: pg.Pool,
  now: () => Date,
  schema: string | undefined,
  target = LATEST_SCHEMA_VERSION,
): Promise<number> {
  for (;;) {
    const applied = await inTransaction(pool, async (c) => {
      await lock(c, `chokepoint-migrate:${schema ?? 'public'}`);
      if (schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await c.query(SCHEMA_VERSION_TABLE);
      const next = pendingMigrations(await postgresSchemaVersion(c), target)[0];
      if (!next) return false;
      for (const sql of next.postgres) await c.query(sql);
      await c.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [
        next.version,
        next.name,
        now().toISOString(),
      ]);
      return true;
    });
    if (!applied) return postgresSchemaVersion(pool);
  }
}

export class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  private readonly o: ResolvedStoreOptions;

  private constructor(
    readonly pool: pg.Pool,
    options: StoreOptions,
  ) {
    this.o = resolveStoreOptions(options);
  }

  static async open(
    connectionString: string,
    options: PostgresStoreOptions = {},
  ): Promise<PostgresStore> {
    const pool = postgresPool(connectionString, options.schema, options.maxConnections);
    // An idle client that loses its server emits 'error'; without a listener it kills the process.
    pool.on('error', () => undefined);
    try {
      const store = new PostgresStore(pool, options);
      await migratePostgres(pool, store.o.clock, options.schema, options.schemaVersion);
      return store;
    } catch (err) {
      await pool.end();
      throw err;
    }
  }

  async schemaVersion(): Promise<number> {
    return postgresSchemaVersion(this.pool);
  }

  async saveDataset(
    input: NewDatasetVersion,
  ): Promise<{ version: DatasetVersion; created: boolean }> {
    const row = datasetRow(input, this.o);
    return inTransaction(this.pool, async (c) => {
      await lock(c, `chokepoint-dataset:${row.hash}`);
      const existing = await c.query<DatasetRow>(
        `SELECT id, hash, name, items, source, importer, parent_id, note, created_at
         FROM dataset_versions WHERE hash = $1`,
        [row.hash],
      );
      if (existing.rows[0]) return { version: toDatasetVersion(existing.rows[0]), created: false };
      if (row.parent_id !== null && !(await this.hasDataset(c, row.parent_id)))
        throw new StoreNotFoundError(`no dataset version "${row.parent_id}" (the parent)`);
      await c.query(
        `INSERT INTO dataset_versions (id, hash, name, items, source, importer, parent_id, note, created_at, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          row.id,
          row.hash,
          row.name,
          row.items,
          row.source,
          row.importer,
          row.parent_id,
          row.note,
          row.created_at,
          row.content,
        ],
      );
      return { version: toDatasetVersion(row), created: true };
    });
  }

  private async hasDataset(q: Queryable, id: string): Promise<boolean> {
    const r = await q.query('SELECT 1 FROM dataset_versions WHERE id = $1', [id]);
    return r.rowCount === 1;
  }

  async listDatasets(): Promise<DatasetVersion[]> {
    const r = await this.pool.query<DatasetRow>(
      `SELECT id, hash, name, items, source, importer, parent_id, note, created_at
       FROM dataset_versions ORDER BY created_at DESC, id`,
    );
    return r.rows.map(toDatasetVersion);
  }

  async getDataset(idOrHash: string): Promise<DatasetVersionWithContent | undefined> {
    const r = await this.pool.query<DatasetRow & { content: string }>(
      `SELECT ${DATASET_COLUMNS}, content::text AS content
       FROM dataset_versions WHERE id = $1 OR hash = $1`,
      [idOrHash],
    );
    const row = r.rows[0];
    return row
      ? { ...toDatasetVersion(row), content: fromJson(row.content) as Record<string, unknown> }
      : undefined;
  }

  async saveScenario(
    input: NewScenarioVersion,
  ): Promise<{ version: ScenarioVersion; created: boolean }> {
    const row = scenarioRow(input, this.o);
    return inTransaction(this.pool, async (c) => {
      await lock(c, `chokepoint-scenario:${row.id}`);
      const latest = await c.query<ScenarioRow>(
        `SELECT id, version, name, hash, source, note, created_at FROM scenario_versions
         WHERE id = $1 ORDER BY version DESC LIMIT 1`,
        [row.id],
      );
      const last = latest.rows[0];
      if (last && last.hash === row.hash)
        return { version: toScenarioVersion(last), created: false };
      const full = { ...row, version: (last?.version ?? 0) + 1 };
      await c.query(
        `INSERT INTO scenario_versions (id, version, name, hash, source, note, created_at, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          full.id,
          full.version,
          full.name,
          full.hash,
          full.source,
          full.note,
          full.created_at,
          full.content,
        ],
      );
      return { version: toScenarioVersion(full), created: true };
    });
  }

  async listScenarios(): Promise<ScenarioVersion[]> {
    const r = await this.pool.query<ScenarioRow>(
      `SELECT DISTINCT ON (id) id, version, name, hash, source, note, created_at
       FROM scenario_versions ORDER BY id, version DESC`,
    );
    return r.rows.map(toScenarioVersion);
  }

  async scenarioHistory(id: string): Promise<ScenarioVersion[]> {
    const r = await this.pool.query<ScenarioRow>(
      `SELECT id, version, name, hash, source, note, created_at
       FROM scenario_versions WHERE id = $1 ORDER BY version`,
      [id],
    );
    return r.rows.map(toScenarioVersion);
  }

  async getScenario(id: string, version?: number): Promise<ScenarioVersionWithContent | undefined> {
    const r =
      version === undefined
        ? await this.pool.query<ScenarioRow & { content: string }>(
            `SELECT ${SCENARIO_COLUMNS}, content::text AS content FROM scenario_versions
             WHERE id = $1 ORDER BY version DESC LIMIT 1`,
            [id],
          )
        : await this.pool.query<ScenarioRow & { content: string }>(
            `SELECT ${SCENARIO_COLUMNS}, content::text AS content FROM scenario_versions
             WHERE id = $1 AND version = $2`,
            [id, version],
          );
    const row = r.rows[0];
    return row
      ? { ...toScenarioVersion(row), scenario: fromJson(row.content) as Scenario }
      : undefined;
  }

  async saveRun(input: NewRun): Promise<RunSummary> {
    const row = runRow(input, this.o);
    return inTransaction(this.pool, async (c) => {
      if (!(await this.hasDataset(c, row.dataset_version_id)))
        throw new StoreNotFoundError(`no dataset version "${row.dataset_version_id}"`);
      if (row.scenario_id !== null) {
        const s = await c.query('SELECT 1 FROM scenario_versions WHERE id = $1 AND version = $2', [
          row.scenario_id,
          row.scenario_version,
        ]);
        if (s.rowCount !== 1)
          throw new StoreNotFoundError(
            `no saved scenario "${row.scenario_id}@${row.scenario_version}"`,
          );
      }
      await c.query(
        `INSERT INTO runs (id, kind, status, dataset_version_id, scenario_id, scenario_version,
           inputs, results, started_at, finished_at, duration_ms, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          row.id,
          row.kind,
          row.status,
          row.dataset_version_id,
          row.scenario_id,
          row.scenario_version,
          row.inputs,
          row.results,
          row.started_at,
          row.finished_at,
          row.duration_ms,
          row.error,
        ],
      );
      return toRunSummary(row);
    });
  }

  async listRuns(filter: RunFilter = {}): Promise<RunSummary[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const eq = (col: string, v: unknown) => {
      if (v !== undefined) {
        args.push(v);
        where.push(`${col} = $${args.length}`);
      }
    };
    eq('kind', filter.kind);
    eq('status', filter.status);
    eq('dataset_version_id', filter.datasetVersionId);
    eq('scenario_id', filter.scenarioId);
    args.push(clampLimit(filter.limit));
    const r = await this.pool.query<RunRow>(
      `SELECT ${RUN_SUMMARY_COLUMNS} FROM runs
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY started_at DESC, id DESC LIMIT $${args.length}`,
      args,
    );
    return r.rows.map(toRunSummary);
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    // As text: pg would parse json itself, and a JSON string result would then be ambiguous.
    const r = await this.pool.query<RunRow & { inputs: string; results: string | null }>(
      `SELECT ${RUN_SUMMARY_COLUMNS}, inputs::text AS inputs, results::text AS results
       FROM runs WHERE id = $1`,
      [id],
    );
    const row = r.rows[0];
    return row ? toRunRecord(row) : undefined;
  }

  async createToken(input: {
    name: string;
    role: TokenRole;
  }): Promise<{ token: TokenRecord; secret: string }> {
    const { row, secret } = tokenRow(input, this.o);
    await this.pool.query(
      `INSERT INTO api_tokens (id, name, role, secret_sha256, created_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.name, row.role, row.secret_sha256, row.created_at, row.revoked_at],
    );
    return { token: toTokenRecord(row), secret };
  }

  async listTokens(): Promise<TokenRecord[]> {
    const r = await this.pool.query<TokenRow>(
      'SELECT id, name, role, created_at, revoked_at FROM api_tokens ORDER BY created_at, id',
    );
    return r.rows.map(toTokenRecord);
  }

  async revokeToken(id: string): Promise<boolean> {
    const r = await this.pool.query(
      'UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
      [this.o.clock().toISOString(), id],
    );
    return r.rowCount === 1;
  }

  async verifyToken(secret: string): Promise<TokenRecord | undefined> {
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > 200) return undefined;
    const r = await this.pool.query<TokenRow>(
      `SELECT id, name, role, created_at, revoked_at FROM api_tokens
       WHERE secret_sha256 = $1 AND revoked_at IS NULL`,
      [hashTokenSecret(secret)],
    );
    return r.rows[0] ? toTokenRecord(r.rows[0]) : undefined;
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
