/**
 * kill -9 the server while it saves runs, restart it, check the store (issue 8), on SQLite and
 * on PostgreSQL: every save the server acknowledged (201 with Chokepoint-Run-Id) is in the
 * store afterwards with the results it answered, it is served again after the restart, and the
 * database passes its integrity checks. The harness is crash-harness.ts; bench/crash.ts runs
 * more cycles and prints the figures of docs/reliability.md.
 *
 * Real processes only: `chokepoint serve` from the sources (test/load/cli-main.ts), a real
 * SQLite file, a real PostgreSQL (DATABASE_URL, or a throwaway server outside CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashReport, CrashStore } from './crash-harness.js';
import { crashCycles, postgresCrashStore, sqliteCrashStore } from './crash-harness.js';
import type { TestPostgres } from './pg-server.js';
import { startTestPostgres } from './pg-server.js';
import { cleanupTemp, tempDir } from '../support.js';

let pgServer: TestPostgres | undefined;

beforeAll(async () => {
  pgServer = await startTestPostgres();
}, 60_000);

afterAll(async () => {
  await pgServer?.stop();
  cleanupTemp();
});

const CYCLES = 2;
const ACKS = 12;
const CLIENTS = 4;

function expectSound(report: CrashReport): void {
  expect(report.problems).toEqual([]);
  expect(report.cycles).toHaveLength(CYCLES);
  for (const c of report.cycles) {
    expect(c.signal).toBe('SIGKILL');
    expect(c.acked).toBeGreaterThanOrEqual(ACKS);
    // Killed with saves in flight, not between them.
    expect(c.inFlightAtKill).toBeGreaterThanOrEqual(1);
    // Unacknowledged saves may or may not have committed; acknowledged ones all did.
    expect(c.runsAfterCrash).toBeGreaterThanOrEqual(c.checked);
  }
  // Each cycle's saves plus one after each restart; all but the last restart's one were
  // checked after the last crash (that one at the final check, after a clean stop).
  expect(report.acknowledged).toBeGreaterThanOrEqual(CYCLES * (ACKS + 1));
  expect(report.cycles.at(-1)!.checked).toBe(report.acknowledged - 1);
}

async function run(target: CrashStore): Promise<CrashReport> {
  try {
    return await crashCycles(target, { cycles: CYCLES, acks: ACKS, clients: CLIENTS });
  } finally {
    await target.dispose();
  }
}

describe('kill -9 the server while it saves runs', () => {
  it('SQLite: every acknowledged save survives, is served after the restart; integrity ok', async () => {
    expectSound(await run(sqliteCrashStore(tempDir('chokepoint-server-crash-'))));
  }, 180_000);

  it('PostgreSQL: every acknowledged save survives, is served after the restart; integrity ok', async () => {
    if (!pgServer) throw new Error('PostgreSQL did not start (see the beforeAll error above)');
    expectSound(await run(await postgresCrashStore(pgServer.url)));
  }, 180_000);
});
