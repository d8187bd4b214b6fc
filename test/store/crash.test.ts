/**
 * kill -9 while saving: every save that was acknowledged is in the store afterwards, and the
 * database passes its integrity checks (integrity.ts), on SQLite (WAL + synchronous=FULL) and on
 * PostgreSQL. The process killed here is a loop calling Store.saveRun (save-loop.ts);
 * server-crash.test.ts kills the HTTP server while clients save through it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { postgresIntegrityProblems, sqliteIntegrityProblems } from './integrity.js';
import type { TestPostgres } from './pg-server.js';
import { dropSchema, startTestPostgres, uniqueSchema } from './pg-server.js';
import { REPO, cleanupTemp, tempDir } from '../support.js';

let pgServer: TestPostgres | undefined;

beforeAll(async () => {
  pgServer = await startTestPostgres();
}, 60_000);

afterAll(async () => {
  await pgServer?.stop();
  cleanupTemp();
});

/** Start the save loop, SIGKILL it once `acks` saves are acknowledged; the acknowledged ids. */
function saveThenKill(args: string[], acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'test/store/save-loop.ts'), ...args],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const acked: string[] = [];
    let buf = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (/^r\d{14}-[0-9a-f]{8}$/.test(l)) acked.push(l);
      if (acked.length >= acks) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve([...acked]);
      else reject(new Error(`the save loop ended by itself: ${err}`));
    });
  });
}

async function expectAllSaved(store: Store, acked: string[]): Promise<void> {
  const saved = new Set((await store.listRuns({ limit: 10_000 })).map((r) => r.id));
  expect(acked.filter((id) => !saved.has(id))).toEqual([]);
  for (const id of acked) {
    const run = await store.getRun(id);
    expect(run?.status).toBe('ok');
    expect((run?.results as { payload?: string } | undefined)?.payload).toHaveLength(2000);
  }
}

describe('crash safety of the save loop', () => {
  it('SQLite: SIGKILL during saves -> every acknowledged run is there and integrity is ok', async () => {
    const file = join(tempDir('chokepoint-crash-'), 'store.db');
    const acked = await saveThenKill([file], 40);
    expect(acked.length).toBeGreaterThanOrEqual(40);
    expect(await sqliteIntegrityProblems(file)).toEqual([]);
    const store = SqliteStore.open(file);
    try {
      await expectAllSaved(store, acked);
    } finally {
      await store.close();
    }
  });

  it('PostgreSQL: SIGKILL during saves -> every acknowledged run is there and integrity is ok', async () => {
    if (!pgServer) throw new Error('PostgreSQL did not start (see the beforeAll error above)');
    const url = pgServer.url;
    const schema = uniqueSchema('crash');
    try {
      const acked = await saveThenKill([url, schema], 40);
      expect(acked.length).toBeGreaterThanOrEqual(40);
      expect(await postgresIntegrityProblems(url, schema)).toEqual([]);
      const store = await PostgresStore.open(url, { schema });
      try {
        await expectAllSaved(store, acked);
      } finally {
        await store.close();
      }
    } finally {
      await dropSchema(url, schema);
    }
  });
});
