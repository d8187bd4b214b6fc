/**
 * kill -9 while saving: every save that was acknowledged is in the store afterwards, and the
 * database passes its integrity checks (SQLite: WAL + synchronous=FULL).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { REPO, cleanupTemp, tempDir } from '../support.js';

afterAll(cleanupTemp);

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

describe('crash safety (SQLite)', () => {
  it('SIGKILL during saves -> every acknowledged run is there and integrity_check is ok', async () => {
    const file = join(tempDir('chokepoint-crash-'), 'store.db');
    const acked = await saveThenKill([file], 40);
    expect(acked.length).toBeGreaterThanOrEqual(40);
    const store = SqliteStore.open(file);
    try {
      expect(await store.integrityProblems()).toEqual([]);
      const saved = new Set((await store.listRuns({ limit: 10_000 })).map((r) => r.id));
      expect(acked.filter((id) => !saved.has(id))).toEqual([]);
      for (const id of acked.slice(-3)) expect((await store.getRun(id))?.status).toBe('ok');
    } finally {
      await store.close();
    }
  });
});
