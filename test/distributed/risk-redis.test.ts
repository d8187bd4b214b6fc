/**
 * `risk --redis` against a real redis-server: worker processes and in-process workers give
 * the local run's bytes, a worker killed mid-run changes nothing, an unreachable Redis is
 * reported fast, a dataset that differs on a worker is refused.
 */
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePerspective } from '../../src/core/perspective.js';
import {
  aggregateRisk,
  createRiskContext,
  drawRiskRuns,
  evaluateEvents,
} from '../../src/core/risk/index.js';
import { runRiskCommand, loadRiskModel } from '../../src/cli/commands/risk.js';
import { BUNDLED_DATASET, Context } from '../../src/cli/context.js';
import type { RedisRunOptions } from '../../src/cli/distributed/client.js';
import { DistributedRunError, evaluateInRedis } from '../../src/cli/distributed/client.js';
import { RedisUnreachableError } from '../../src/cli/distributed/redis.js';
import { queueStatus } from '../../src/cli/distributed/status.js';
import { startWorker } from '../../src/cli/distributed/worker.js';
import { stableJson } from '../../src/cli/output.js';
import { MINI, REPO } from '../support.js';
import type { Proc } from './procs.js';
import {
  batchesOf as countBatches,
  killWorkers,
  workerProcess as startWorkerProcess,
} from './procs.js';
import type { TestRedis } from './redis-server.js';
import { freePort, uniquePrefix, useRedis } from './redis-server.js';

const RISK = join(REPO, 'data/risk/chn-2025.yaml');
const RUNS = 2000;
const SEED = '1';

let redis: TestRedis;

beforeAll(async () => {
  redis = await useRedis();
}, 20_000);

afterAll(async () => {
  killWorkers();
  await redis?.stop();
});

function jsonContext(): { ctx: Context; out: () => string } {
  let stdout = '';
  const ctx = new Context(
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } },
    { format: 'json' },
  );
  return { ctx, out: () => stdout };
}

let localBytes: string | undefined;
async function local(): Promise<string> {
  if (localBytes === undefined) {
    const { ctx, out } = jsonContext();
    expect(await runRiskCommand(ctx, { risk: RISK, runs: RUNS, seed: SEED, workers: 1 })).toBe(0);
    localBytes = out();
  }
  return localBytes;
}

/** What `risk --redis` prints: the lead-side wiring in risk.ts, step for step. */
async function distributed(options: Partial<RedisRunOptions>, datasetPath?: string) {
  const { ctx } = jsonContext();
  const c = ctx.compiled;
  const model = loadRiskModel(ctx, RISK);
  const p = resolvePerspective(c, model.perspective ?? 'CHN');
  const draws = drawRiskRuns(model, RUNS, Number(SEED));
  const outcomes = await evaluateInRedis(
    {
      dataset: c.dataset,
      datasetPath: datasetPath ?? ctx.datasetPath,
      bundled: datasetPath === undefined && ctx.datasetPath === BUNDLED_DATASET,
      model,
      perspective: p.id,
      reallocation: undefined,
      nAreas: c.areaIds.length,
    },
    draws.distinct,
    { redis: redis.url, ...options },
  );
  const report = aggregateRisk(c, model, p, draws, outcomes, Number(SEED), undefined);
  return stableJson(report) + '\n';
}

function workerProcess(prefix: string, lockMs: number, delayMs: number): Promise<Proc> {
  return startWorkerProcess(redis.url, prefix, { lockMs, delayMs });
}

const batchesOf = (p: Proc) => countBatches(p, 'risk');

/** Batches of 3 distinct sets of events in the run (about 45 sets with the bundled model). */
function batchesOfThree(): number {
  const { ctx } = jsonContext();
  const draws = drawRiskRuns(loadRiskModel(ctx, RISK), RUNS, Number(SEED));
  return Math.ceil(draws.distinct.length / 3);
}

describe('risk --redis', () => {
  it('two worker processes give the local bytes, and stop cleanly on SIGTERM', async () => {
    const prefix = uniquePrefix('two');
    const [a, b] = await Promise.all([
      workerProcess(prefix, 5000, 20),
      workerProcess(prefix, 5000, 20),
    ]);
    const bytes = await distributed({ prefix, batchSize: 3, pollMs: 50 });
    expect(bytes).toBe(await local());
    expect(batchesOf(a)).toBeGreaterThan(0);
    expect(batchesOf(b)).toBeGreaterThan(0);
    expect(batchesOf(a) + batchesOf(b)).toBe(batchesOfThree()); // each batch once
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(a.out()).toContain('closed');
  });

  it('a worker killed mid-run (SIGKILL): its batch is retried elsewhere, same bytes', async () => {
    const prefix = uniquePrefix('kill');
    const a = await workerProcess(prefix, 1000, 100);
    let killed = false;
    let b: Proc | undefined;
    const bytes = await distributed({
      prefix,
      batchSize: 3,
      pollMs: 50,
      onProgress: () => {
        if (killed) return;
        killed = true;
        // `a` finished a batch and holds the next one: kill it there, start a fresh worker.
        a.child.kill('SIGKILL');
        void workerProcess(prefix, 1000, 0).then((p) => (b = p));
      },
    });
    expect(killed).toBe(true);
    expect(await a.exited).toBe(null);
    expect(bytes).toBe(await local());
    expect(b).toBeDefined();
    expect(batchesOf(b!)).toBeGreaterThan(0);
    expect(batchesOf(a) + batchesOf(b!)).toBeGreaterThanOrEqual(batchesOfThree());
    b!.child.kill('SIGTERM');
    expect(await b!.exited).toBe(0);
  });

  it('in-process workers (two threads) give the same bytes; queue status lists them', async () => {
    const prefix = uniquePrefix('threads');
    const w = await startWorker({ redis: redis.url, prefix, concurrency: 2 });
    try {
      const status = await queueStatus(redis.url, prefix);
      expect(status.queues.map((q) => q.name)).toEqual(['batches']);
      // One BullMQ worker per process, whatever its number of compute threads.
      expect(status.queues[0]!.workers).toHaveLength(1);
      expect(status.queues[0]!.waiting).toBe(0);
      expect(await distributed({ prefix, batchSize: 5, pollMs: 50 })).toBe(await local());
      const after = await queueStatus(redis.url, prefix);
      expect(after.queues[0]!.failed).toBe(0);
      expect(after.queues[0]!.active).toBe(0);
    } finally {
      await w.close();
    }
  });

  it('a worker whose dataset differs refuses the batch with a clear error', async () => {
    const prefix = uniquePrefix('mismatch');
    const w = await startWorker({ redis: redis.url, prefix });
    try {
      // The producer hashes the bundled dataset but points the workers at the mini fixture.
      const run = distributed({ prefix, attempts: 1, pollMs: 50 }, MINI);
      await expect(run).rejects.toThrow(DistributedRunError);
      await expect(run).rejects.toThrow(/dataset mismatch on worker .*mini has sha256/);
    } finally {
      await w.close();
    }
  });

  it('a batch over its timeout: the thread is stopped, the attempts fail, the worker goes on', async () => {
    const prefix = uniquePrefix('timeout');
    // 300 ms per set: a batch of 15 sets cannot finish within 200 ms.
    const w = await startWorker({ redis: redis.url, prefix, delayPerItemMs: 300 });
    try {
      const err = await distributed({
        prefix,
        batchSize: 15,
        attempts: 2,
        batchTimeoutMs: 200,
        pollMs: 50,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DistributedRunError);
      expect((err as Error).message).toMatch(
        /failed after 2 attempt\(s\): batch \d+ timed out after 200 ms/,
      );
      // A fresh compute thread replaced the stopped one: the same worker serves the next run,
      // with the local numbers.
      const { ctx } = jsonContext();
      const c = ctx.compiled;
      const model = loadRiskModel(ctx, RISK);
      const sets = drawRiskRuns(model, RUNS, Number(SEED)).distinct.slice(0, 2);
      const outcomes = await evaluateInRedis(
        {
          dataset: c.dataset,
          datasetPath: ctx.datasetPath,
          bundled: true,
          model,
          perspective: 'CHN',
          nAreas: c.areaIds.length,
        },
        sets,
        { redis: redis.url, prefix, batchSize: 1, pollMs: 50 },
      );
      const rctx = createRiskContext(c, model, resolvePerspective(c, 'CHN'));
      expect(outcomes).toEqual(sets.map((events) => evaluateEvents(rctx, events)));
    } finally {
      await w.close();
    }
  });
});

describe('unreachable Redis', () => {
  it('nothing listening: a clear error that offers the local run', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const err = await distributed({ redis: url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnreachableError);
    expect((err as Error).message).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/);
    expect((err as Error).message).toContain('without --redis');
    const werr = await startWorker({ redis: url }).catch((e: unknown) => e);
    expect(werr).toBeInstanceOf(RedisUnreachableError);
    const serr = await queueStatus(url).catch((e: unknown) => e);
    expect(serr).toBeInstanceOf(RedisUnreachableError);
  }, 10_000);

  it('a server that never answers: the deadline ends the wait', async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((s) => sockets.push(s));
    const port = await new Promise<number>((res) =>
      server.listen(0, '127.0.0.1', () => res((server.address() as { port: number }).port)),
    );
    try {
      const err = await distributed({ redis: `redis://127.0.0.1:${port}` }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RedisUnreachableError);
      expect((err as Error).message).toContain('without --redis');
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  }, 10_000);

  it('a bad URL is reported as such', async () => {
    const err = await distributed({ redis: 'localhost:6379' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnreachableError);
    expect((err as Error).message).toMatch(/redis:\/\/HOST:PORT/);
  });
});
