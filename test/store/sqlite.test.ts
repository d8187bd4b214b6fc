import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { cleanupTemp, tempDir } from '../support.js';
import type { StoreHarness } from './contract.js';
import { runStoreContract } from './contract.js';
import { runMigrationSuite, sqliteMigrationHarness } from './migrations.js';

afterAll(cleanupTemp);

async function sqliteHarness(): Promise<StoreHarness> {
  const path = join(tempDir('chokepoint-store-'), 'nested', 'store.db');
  return {
    open: async (o) => SqliteStore.open(path, o),
    reopen: async (o) => SqliteStore.open(path, o),
    dispose: async () => undefined,
  };
}

runStoreContract('SQLite', sqliteHarness);
runMigrationSuite('SQLite', sqliteMigrationHarness);

describe('SqliteStore durability settings', () => {
  it('opens in WAL mode with synchronous=FULL and foreign keys on, creating folders', async () => {
    const path = join(tempDir(), 'a', 'b', 'c.db');
    const store = SqliteStore.open(path);
    try {
      expect(existsSync(path)).toBe(true);
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(await store.integrityProblems()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('backup(file) -> a consistent copy that opens as a store with the same data', async () => {
    const dir = tempDir();
    const store = SqliteStore.open(join(dir, 'live.db'));
    await store.createToken({ name: 'kept', role: 'viewer' });
    await store.backup(join(dir, 'copy.db'));
    await store.close();
    const copy = SqliteStore.open(join(dir, 'copy.db'));
    try {
      expect((await copy.listTokens()).map((t) => t.name)).toEqual(['kept']);
    } finally {
      await copy.close();
    }
  });
});
