/**
 * Migrations tested from every earlier version: for each version v below the latest, create a
 * database at exactly v, insert rows as a program of that version would have (SEEDS, plain SQL
 * both dialects accept), open it as a Store (which migrates it to the latest) and check that
 * every row survived and the new features work. Adding migration N+1 makes version N
 * "earlier": the suite then fails until SEEDS has an entry for N.
 */
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, SchemaTooNewError } from '../../src/store/migrations.js';
import { migratePostgres, postgresPool, PostgresStore } from '../../src/store/postgres.js';
import { migrateSqlite, openSqliteDatabase, SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { join } from 'node:path';
import { tempDir } from '../support.js';
import { dropSchema, uniqueSchema } from './pg-server.js';

export interface RawDatabase {
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface MigrationHarness {
  /** A fresh database migrated to exactly `version` (0: nothing at all). */
  createAt(version: number): Promise<RawDatabase>;
  /** The same database as a Store (migrated to the latest on open). */
  openStore(): Promise<Store>;
  dispose(): Promise<void>;
}

const T = '2024-06-01T12:00:00.000Z';
const dataset = `INSERT INTO dataset_versions (id, hash, name, items, source, importer, parent_id, note, created_at, content)
  VALUES ('d0123456789ab', '0123456789ab${'0'.repeat(52)}', 'seed data', 1, '/old/data', 'folder', NULL, 'it''s old', '${T}',
  '{"dataset":{"name":"seed data"},"items":[{"id":"euv","name":"EUV"}]}')`;
const scenario = (v: number, severity: number) =>
  `INSERT INTO scenario_versions (id, version, name, hash, source, note, created_at, content)
  VALUES ('old-ban', ${v}, 'Old ban', 'h${v}', 'old.yaml', NULL, '${T}',
  '{"id":"old-ban","assumptions":{"reallocation":"market"},"shocks":[{"restrict":{"from":["NLD"],"to":["CHN"],"items":["euv"],"severity":${severity}}}],"sources":[]}')`;
const run1 = `INSERT INTO runs (id, kind, dataset_version_id, scenario_id, scenario_version, inputs, results, started_at, finished_at, duration_ms)
  VALUES ('rold1', 'simulate', 'd0123456789ab', 'old-ban', 2, '{"scenario":"old-ban"}', '{"capabilityIndex":0.5}', '${T}', '${T}', 1234)`;
const run2failed = `INSERT INTO runs (id, kind, status, error, dataset_version_id, scenario_id, scenario_version, inputs, results, started_at, finished_at, duration_ms)
  VALUES ('rold2', 'plan', 'failed', 'solver gave up', 'd0123456789ab', NULL, NULL, '{}', NULL, '2024-06-02T00:00:00.000Z', '2024-06-02T00:00:01.000Z', 1000)`;
const token3 = `INSERT INTO api_tokens (id, name, role, secret_sha256, created_at, revoked_at)
  VALUES ('told', 'old bot', 'admin', '${'ab'.repeat(32)}', '${T}', NULL)`;

/** Rows a program at each schema version could have written. */
export const SEEDS: Record<number, readonly string[]> = {
  0: [],
  1: [dataset, scenario(1, 1), scenario(2, 0.5), run1],
  2: [dataset, scenario(1, 1), scenario(2, 0.5), run1, run2failed],
  3: [dataset, scenario(1, 1), scenario(2, 0.5), run1, run2failed, token3],
};

/** What must hold after migrating a database seeded at `from` to the latest. */
async function expectSurvived(store: Store, from: number): Promise<void> {
  expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
  if (from >= 1) {
    const [ds] = await store.listDatasets();
    expect(ds).toMatchObject({ id: 'd0123456789ab', name: 'seed data', note: "it's old" });
    expect((await store.getDataset('d0123456789ab'))?.content).toEqual({
      dataset: { name: 'seed data' },
      items: [{ id: 'euv', name: 'EUV' }],
    });
    expect((await store.scenarioHistory('old-ban')).map((s) => s.version)).toEqual([1, 2]);
    const v1 = await store.getScenario('old-ban', 1);
    expect(v1?.scenario.shocks).toEqual([
      { restrict: { from: ['NLD'], to: ['CHN'], items: ['euv'], severity: 1 } },
    ]);
    expect(await store.getRun('rold1')).toMatchObject({
      kind: 'simulate',
      status: 'ok', // runs before 002 were all successful ones
      error: null,
      scenarioId: 'old-ban',
      scenarioVersion: 2,
      durationMs: 1234,
      inputs: { scenario: 'old-ban' },
      results: { capabilityIndex: 0.5 },
    });
    // New versions continue the old history.
    const next = await store.saveScenario({
      scenario: {
        id: 'old-ban',
        assumptions: { reallocation: 'fixed' },
        shocks: [],
        sources: [],
      },
    });
    expect(next.version.version).toBe(3);
  }
  if (from >= 2) {
    expect(await store.getRun('rold2')).toMatchObject({
      status: 'failed',
      error: 'solver gave up',
      results: null,
    });
  }
  if (from >= 3) {
    expect(await store.listTokens()).toEqual([
      { id: 'told', name: 'old bot', role: 'admin', createdAt: T, revokedAt: null },
    ]);
  }
  // Features of the latest schema work on a migrated database.
  const { secret } = await store.createToken({ name: 'new', role: 'viewer' });
  expect((await store.verifyToken(secret))?.name).toBe('new');
}

export function runMigrationSuite(name: string, make: () => Promise<MigrationHarness>): void {
  describe(`migrations: ${name}`, () => {
    it('every version below the latest has a seed (add one with each new migration)', () => {
      for (let v = 0; v <= LATEST_SCHEMA_VERSION; v++) expect(SEEDS[v], `seed ${v}`).toBeDefined();
    });

    for (let from = 0; from <= LATEST_SCHEMA_VERSION; from++) {
      it(`a database created at version ${from}, with its data, migrates to ${LATEST_SCHEMA_VERSION} keeping every row`, async () => {
        const h = await make();
        try {
          const raw = await h.createAt(from);
          for (const sql of SEEDS[from]!) await raw.exec(sql);
          await raw.close();
          const store = await h.openStore();
          try {
            await expectSurvived(store, from);
          } finally {
            await store.close();
          }
          // Opening again is a no-op: nothing re-applied, nothing lost.
          const again = await h.openStore();
          try {
            expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
            if (from >= 1) expect(await again.getRun('rold1')).toBeDefined();
          } finally {
            await again.close();
          }
        } finally {
          await h.dispose();
        }
      });
    }

    it('a database from a newer chokepoint is refused with a message, not touched', async () => {
      const h = await make();
      try {
        const raw = await h.createAt(LATEST_SCHEMA_VERSION);
        await raw.exec(
          `INSERT INTO schema_version (version, name, applied_at) VALUES (${LATEST_SCHEMA_VERSION + 1}, 'future', '${T}')`,
        );
        await raw.close();
        await expect(h.openStore()).rejects.toThrow(SchemaTooNewError);
        await expect(h.openStore()).rejects.toThrow(/newer than this chokepoint knows/);
      } finally {
        await h.dispose();
      }
    });

    it('several stores opening one new database at once all end at the latest version', async () => {
      const h = await make();
      try {
        const stores = await Promise.all([h.openStore(), h.openStore(), h.openStore()]);
        for (const s of stores) expect(await s.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await h.dispose();
      }
    });
  });
}

const fixedNow = () => new Date(T);

export async function sqliteMigrationHarness(): Promise<MigrationHarness> {
  const path = join(tempDir('chokepoint-migrate-'), 'store.db');
  return {
    async createAt(version) {
      const db = openSqliteDatabase(path);
      migrateSqlite(db, fixedNow, version);
      return {
        exec: async (sql) => void db.exec(sql),
        close: async () => void db.close(),
      };
    },
    openStore: async () => SqliteStore.open(path),
    dispose: async () => undefined,
  };
}

export function postgresMigrationHarness(url: string): () => Promise<MigrationHarness> {
  return async () => {
    const schema = uniqueSchema('m');
    return {
      async createAt(version) {
        const pool = postgresPool(url, schema, 1);
        await migratePostgres(pool, fixedNow, schema, version);
        if (version === 0) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        return {
          exec: async (sql) => void (await pool.query(sql)),
          close: () => pool.end(),
        };
      },
      openStore: () => PostgresStore.open(url, { schema }),
      dispose: () => dropSchema(url, schema),
    };
  };
}
