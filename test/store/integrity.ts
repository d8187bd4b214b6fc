/**
 * Integrity checks of a store's database after a crash (server-crash.test.ts, crash.test.ts,
 * bench/crash.ts). Each returns a list of problems; empty means sound.
 *
 * Both backends: the same logical checks in SQL. Every run references an existing dataset
 * version (and, when it names one, an existing scenario version: both halves or neither); a
 * failed run carries its error; inputs are JSON objects and results valid JSON; times are in
 * order; a dataset version's id is its hash's prefix; scenario versions run 1..N without gaps;
 * the schema version is the latest, steps 1..N.
 * SQLite adds `PRAGMA integrity_check` (pages, and every index against its table) and
 * `foreign_key_check` (SqliteStore.integrityProblems).
 * PostgreSQL adds: each table counted from the heap alone and through its primary key alone;
 * amcheck: `verify_heapam` on every table and `bt_index_check(index, true)` on
 * every index (every heap tuple is in the index); amcheck ships with PostgreSQL (contrib) and
 * needs a superuser, as the test servers (scripts/pg-test-server.sh, pg-server.ts) have.
 */
import pg from 'pg';
import { LATEST_SCHEMA_VERSION } from '../../src/store/migrations.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const TABLES = ['dataset_versions', 'scenario_versions', 'runs', 'api_tokens'] as const;

/** [description, SQL returning the offending rows' ids in column `id`]. */
function logicalChecks(dialect: 'sqlite' | 'postgres'): [string, string][] {
  const jsonType = (col: string) =>
    dialect === 'sqlite' ? `json_type(${col})` : `json_typeof(${col})`;
  const checks: [string, string][] = [
    [
      'run without its dataset version',
      `SELECT r.id FROM runs r LEFT JOIN dataset_versions d ON d.id = r.dataset_version_id
       WHERE d.id IS NULL`,
    ],
    [
      'run with half a scenario reference',
      `SELECT id FROM runs WHERE (scenario_id IS NULL) <> (scenario_version IS NULL)`,
    ],
    [
      'run without its scenario version',
      `SELECT r.id FROM runs r WHERE r.scenario_id IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM scenario_versions s WHERE s.id = r.scenario_id AND s.version = r.scenario_version)`,
    ],
    [
      'failed run without an error',
      `SELECT id FROM runs WHERE status = 'failed' AND error IS NULL`,
    ],
    [
      'run times out of order',
      `SELECT id FROM runs WHERE finished_at < started_at OR duration_ms < 0`,
    ],
    ['run inputs not a JSON object', `SELECT id FROM runs WHERE ${jsonType('inputs')} <> 'object'`],
    [
      'dataset version id not its hash',
      `SELECT id FROM dataset_versions WHERE id <> 'd' || substr(hash, 1, 12)`,
    ],
    [
      'dataset content not a JSON object',
      `SELECT id FROM dataset_versions WHERE ${jsonType('content')} <> 'object'`,
    ],
    [
      'scenario versions with a gap',
      `SELECT id FROM scenario_versions GROUP BY id HAVING COUNT(*) <> MAX(version) OR MIN(version) <> 1`,
    ],
  ];
  if (dialect === 'sqlite') {
    // PostgreSQL's json type refuses invalid JSON on insert; SQLite keeps TEXT.
    checks.push([
      'run JSON not valid',
      `SELECT id FROM runs WHERE NOT json_valid(inputs) OR (results IS NOT NULL AND NOT json_valid(results))`,
    ]);
  }
  return checks;
}

function describe(what: string, ids: unknown[]): string {
  const shown = ids.slice(0, 5).map(String).join(', ');
  return `${what}: ${ids.length} (${shown}${ids.length > 5 ? ', ...' : ''})`;
}

function schemaProblems(versions: number[]): string[] {
  const expected = Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1);
  return versions.join(',') === expected.join(',')
    ? []
    : [`schema_version holds [${versions.join(', ')}], expected 1..${LATEST_SCHEMA_VERSION}`];
}

/** Opens the file (recovering its WAL, as any later open would), checks it, closes it. */
export async function sqliteIntegrityProblems(file: string): Promise<string[]> {
  const store = SqliteStore.open(file);
  try {
    const db = store.db;
    const problems = await store.integrityProblems();
    for (const [what, sql] of logicalChecks('sqlite')) {
      const ids = (db.prepare(sql).all() as { id: unknown }[]).map((r) => r.id);
      if (ids.length) problems.push(describe(what, ids));
    }
    const versions = (
      db.prepare('SELECT version FROM schema_version ORDER BY version').all() as {
        version: number;
      }[]
    ).map((r) => r.version);
    problems.push(...schemaProblems(versions));
    return problems;
  } finally {
    await store.close();
  }
}

/** A connection whose unqualified names resolve in `schema`. */
async function connect(url: string, schema: string): Promise<pg.Client> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
  const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await c.connect();
  return c;
}

export async function postgresIntegrityProblems(url: string, schema: string): Promise<string[]> {
  const c = await connect(url, schema);
  try {
    const problems: string[] = [];
    for (const [what, sql] of logicalChecks('postgres')) {
      const r = await c.query<{ id: unknown }>(sql);
      if (r.rows.length)
        problems.push(
          describe(
            what,
            r.rows.map((x) => x.id),
          ),
        );
    }
    // Each table counted from the heap alone, then through its primary key index alone.
    for (const t of TABLES) {
      await c.query('BEGIN');
      try {
        await c.query('SET LOCAL enable_indexscan = off');
        await c.query('SET LOCAL enable_indexonlyscan = off');
        await c.query('SET LOCAL enable_bitmapscan = off');
        const viaHeap = Number((await c.query(`SELECT COUNT(*) AS n FROM ${t}`)).rows[0].n);
        await c.query('SET LOCAL enable_indexonlyscan = on');
        await c.query('SET LOCAL enable_indexscan = on');
        await c.query('SET LOCAL enable_seqscan = off');
        const viaKey = Number(
          (await c.query(`SELECT COUNT(*) AS n FROM (SELECT id FROM ${t} ORDER BY id) k`)).rows[0]
            .n,
        );
        if (viaHeap !== viaKey)
          problems.push(`${t}: ${viaHeap} rows in the table, ${viaKey} through its key`);
      } finally {
        await c.query('ROLLBACK');
      }
    }
    const versions = (
      await c.query<{ version: number }>('SELECT version FROM schema_version ORDER BY version')
    ).rows.map((r) => Number(r.version));
    problems.push(...schemaProblems(versions));
    problems.push(...(await amcheck(c, schema)));
    return problems;
  } finally {
    await c.end();
  }
}

/** amcheck over every table and btree index of the schema. */
async function amcheck(c: pg.Client, schema: string): Promise<string[]> {
  // One database holds the extension once; tests in parallel may race to create it.
  await c.query('BEGIN');
  try {
    await c.query(`SELECT pg_advisory_xact_lock(hashtext('chokepoint-test-amcheck'))`);
    await c.query('CREATE EXTENSION IF NOT EXISTS amcheck WITH SCHEMA public');
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw new Error(
      `the PostgreSQL integrity check needs the amcheck extension (PostgreSQL contrib) and a ` +
        `superuser to create and run it: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const ns = (
    await c.query<{ nspname: string }>(
      `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
       WHERE e.extname = 'amcheck'`,
    )
  ).rows[0]!.nspname;
  const problems: string[] = [];
  const tables = await c.query<{ rel: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS rel FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [schema],
  );
  for (const { rel } of tables.rows) {
    const r = await c.query<{ blkno: number; offnum: number; msg: string }>(
      `SELECT blkno, offnum, msg FROM ${ns}.verify_heapam($1::regclass)`,
      [rel],
    );
    for (const x of r.rows) problems.push(`${rel} block ${x.blkno} item ${x.offnum}: ${x.msg}`);
  }
  const indexes = await c.query<{ rel: string; valid: boolean }>(
    `SELECT format('%I.%I', n.nspname, ci.relname) AS rel, i.indisvalid AS valid
     FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = ci.relnamespace JOIN pg_am a ON a.oid = ci.relam
     WHERE n.nspname = $1 AND a.amname = 'btree'`,
    [schema],
  );
  if (indexes.rows.length === 0) problems.push(`no indexes found in schema ${schema}`);
  for (const { rel, valid } of indexes.rows) {
    if (!valid) problems.push(`index ${rel} is not valid`);
    try {
      await c.query(`SELECT ${ns}.bt_index_check($1::regclass, true)`, [rel]);
    } catch (err) {
      problems.push(`index ${rel}: ${(err as Error).message}`);
    }
  }
  return problems;
}
