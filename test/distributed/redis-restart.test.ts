/**
 * A Redis restarted during a distributed run. The test servers keep no data (`--save ''`,
 * no AOF), so every job is gone when the server comes back: the command must notice the lost
 * batches after reconnecting, enqueue again those it has not merged, and merge each batch once.
 * This test always starts its own redis-server (it has to restart it), also under CI.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRank } from '../../src/cli/commands/rank.js';
import type { Proc } from './procs.js';
import {
  batchesOf,
  frozenDataset,
  jsonContext,
  killWorkers,
  stopWorker,
  workerProcess,
} from './procs.js';
import { freePort, startRedisServer, stopRedisServer, uniquePrefix } from './redis-server.js';

let port: number;
let server: ChildProcess | undefined;
let data: ReturnType<typeof frozenDataset>;
const savedPrefix = process.env.CHOKEPOINT_REDIS_PREFIX;

beforeAll(async () => {
  port = await freePort();
  server = await startRedisServer(port);
  data = frozenDataset();
}, 20_000);

afterAll(async () => {
  killWorkers();
  if (server) await stopRedisServer(server);
  if (savedPrefix === undefined) delete process.env.CHOKEPOINT_REDIS_PREFIX;
  else process.env.CHOKEPOINT_REDIS_PREFIX = savedPrefix;
  data?.remove();
});

const args = { country: 'CHN', restrictors: 'USA,JPN,NLD,KOR,TWN', top: 100_000 };

describe('Redis restarted in the middle of a run', () => {
  it('rank --redis completes with the local bytes, lost batches enqueued again', async () => {
    const local = jsonContext(data.dir);
    await runRank(local.ctx, args);
    expect((JSON.parse(local.out()) as unknown[]).length).toBeGreaterThan(50);

    const url = `redis://127.0.0.1:${port}`;
    const prefix = uniquePrefix('restart');
    process.env.CHOKEPOINT_REDIS_PREFIX = prefix;
    const worker: Proc = await workerProcess(url, prefix, { lockMs: 2000, delayMs: 15 });
    const { ctx, out, err } = jsonContext(data.dir);
    ctx.io.stderr.isTTY = true;
    const write = ctx.io.stderr.write.bind(ctx.io.stderr);
    let restarted: Promise<void> | undefined;
    ctx.io.stderr.write = (s: string) => {
      // After the first merged batch: stop the server (its jobs die with it), start a fresh one
      // on the same port a second later.
      if (!restarted && /\] \d+\/\d+/.test(s)) {
        const old = server!;
        server = undefined;
        restarted = (async () => {
          await stopRedisServer(old);
          await new Promise((res) => setTimeout(res, 1000));
          server = await startRedisServer(port);
        })();
      }
      return write(s);
    };
    await runRank(ctx, { ...args, redis: url, batchSize: 10 });
    expect(restarted).toBeDefined();
    await restarted;
    expect(out()).toBe(local.out());
    expect(err()).toMatch(/lost Redis/);
    expect(err()).toMatch(/batch\(es\) not found in Redis .*enqueued again/);
    expect(err()).toMatch(/Redis is back/);
    // The worker survived the restart and computed batches after it.
    expect(batchesOf(worker, 'rank')).toBeGreaterThan(1);
    expect(await stopWorker(worker)).toBe(0);
  }, 120_000);
});
