/**
 * `rank`, `plan` and `firms simulate --sweep` with `--redis`, against a real redis-server and
 * worker processes: the JSON is the local run's bytes, both workers take batches, and a worker
 * killed (SIGKILL) in the middle of a rank batch changes nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirmsSimulateOptions } from '../../src/cli/commands/firms.js';
import { runFirmsGenerate, runFirmsSimulate } from '../../src/cli/commands/firms.js';
import type { PlanArgs } from '../../src/cli/commands/plan.js';
import { runPlan } from '../../src/cli/commands/plan.js';
import type { RankArgs } from '../../src/cli/commands/rank.js';
import { runRank } from '../../src/cli/commands/rank.js';
import { queueStatus } from '../../src/cli/distributed/status.js';
import { tempDir } from '../support.js';
import type { Proc } from './procs.js';
import {
  batchesOf,
  frozenDataset,
  jsonContext,
  killWorkers,
  stopWorker,
  workerProcess,
} from './procs.js';
import type { TestRedis } from './redis-server.js';
import { uniquePrefix, useRedis } from './redis-server.js';

let redis: TestRedis;
let data: ReturnType<typeof frozenDataset>;
let net: string;
const savedPrefix = process.env.CHOKEPOINT_REDIS_PREFIX;

beforeAll(async () => {
  redis = await useRedis();
  data = frozenDataset();
  net = join(tempDir('chokepoint-dist-firms-'), 'net');
  runFirmsGenerate(jsonContext().ctx, {
    firms: '2000',
    links: '10000',
    sectors: '7',
    countries: '5',
    seed: '11',
    out: net,
    force: false,
  });
  writeFileSync(join(net, 'shocks.csv'), 'firm,delta,start,recovery\n3,0.5,0,\n8,0.9,2,12\n');
}, 30_000);

afterAll(async () => {
  killWorkers();
  if (savedPrefix === undefined) delete process.env.CHOKEPOINT_REDIS_PREFIX;
  else process.env.CHOKEPOINT_REDIS_PREFIX = savedPrefix;
  data?.remove();
  await redis?.stop();
});

/** The commands read the queue prefix from the environment, as `chokepoint` does. */
function usePrefix(name: string): string {
  const prefix = uniquePrefix(name);
  process.env.CHOKEPOINT_REDIS_PREFIX = prefix;
  return prefix;
}

async function rank(extra: Partial<RankArgs> = {}): Promise<{ out: string; err: string }> {
  const { ctx, out, err } = jsonContext(data.dir);
  await runRank(ctx, { country: 'CHN', restrictors: 'all', top: 100_000, ...extra });
  return { out: out(), err: err() };
}

async function plan(extra: Partial<PlanArgs> = {}): Promise<string> {
  const projects = join(tempDir('chokepoint-dist-plan-'), 'projects.csv');
  writeFileSync(
    projects,
    [
      'id,item,country,capacity,cost,years,p_success,requires,exclusive_group',
      'smic-tianjin-fab,wafer-fabrication,CHN,2,7500000000,4,0.9,,',
      'smic-shenzhen-fab,wafer-fabrication,CHN,1,2350000000,3,0.9,,',
      'advanced-logic-fab,advanced-logic-fabrication,CHN,5,20000000000,5,0.5,,',
      'krf-scanner-programme,krf-lithography-tools,CHN,10,800000000,3,0.7,,',
      'arfi-scanner-crash,arf-immersion-lithography-tools,CHN,5,3000000000,4,0.3,,arfi-route',
      'arfi-scanner-staged,arf-immersion-lithography-tools,CHN,5,2500000000,4,0.6,krf-scanner-programme,arfi-route',
      'euv-programme,euv-lithography-tools,CHN,2,10000000000,8,0.2,krf-scanner-programme,',
      'photoresist-plant,photoresists,CHN,5,500000000,3,0.7,,',
      '',
    ].join('\n'),
  );
  const { ctx, out } = jsonContext(data.dir);
  const code = await runPlan(ctx, {
    country: 'CHN',
    projects,
    budget: '10e9',
    scenarios: ['us-nl-jp-controls-2023', 'decoupling-equipment-software'],
    runs: 200,
    seed: '1',
    objective: 'expected',
    frontier: true,
    ...extra,
  });
  expect(code).toBe(0);
  return out();
}

async function sweep(o: FirmsSimulateOptions): Promise<string> {
  const { ctx, out } = jsonContext();
  await runFirmsSimulate(ctx, net, { steps: '25', rationing: 'lowest-first', ...o });
  return out();
}

describe('--redis on rank, plan and firms simulate --sweep, two worker processes', () => {
  let a: Proc;
  let b: Proc;
  let prefix: string;

  beforeAll(async () => {
    prefix = usePrefix('cmds');
    [a, b] = await Promise.all([
      workerProcess(redis.url, prefix, { delayMs: 5 }),
      workerProcess(redis.url, prefix, { delayMs: 5 }),
    ]);
  }, 60_000);

  afterAll(async () => {
    // SIGTERM: both finish cleanly.
    expect(await stopWorker(a)).toBe(0);
    expect(await stopWorker(b)).toBe(0);
  });

  it('rank: the local bytes', async () => {
    const local = await rank();
    const rows = JSON.parse(local.out) as unknown[];
    expect(rows.length).toBeGreaterThan(100);
    const dist = await rank({ redis: redis.url, batchSize: 40 });
    expect(dist.out).toBe(local.out);
    expect(batchesOf(a, 'rank')).toBeGreaterThan(0);
    expect(batchesOf(b, 'rank')).toBeGreaterThan(0);
    const status = await queueStatus(redis.url, prefix);
    expect(status.queues[0]!.workers).toHaveLength(2);
    expect(status.queues[0]!.failed).toBe(0);
  });

  it('plan (many rounds, frontier): the local bytes', async () => {
    const local = await plan();
    const parsed = JSON.parse(local) as { equilibria: number; iterations: number };
    expect(parsed.equilibria).toBeGreaterThan(20);
    const before = batchesOf(a, 'plan') + batchesOf(b, 'plan');
    expect(before).toBe(0);
    expect(await plan({ redis: redis.url, batchSize: 3 })).toBe(local);
    expect(batchesOf(a, 'plan')).toBeGreaterThan(0);
    expect(batchesOf(b, 'plan')).toBeGreaterThan(0);
  });

  it('firms simulate --sweep countries and sectors: the local bytes', async () => {
    for (const by of ['countries', 'sectors']) {
      const local = await sweep({ sweep: by, workers: '0' });
      const parsed = JSON.parse(local) as { scenarios: { id: string; productionLost: number }[] };
      expect(parsed.scenarios).toHaveLength(by === 'countries' ? 5 : 7);
      expect(parsed.scenarios[0]!.productionLost).toBeGreaterThan(0);
      // Worker threads give the same bytes too.
      expect(await sweep({ sweep: by, workers: '2' })).toBe(local);
      expect(await sweep({ sweep: by, redis: redis.url, batchSize: 1 })).toBe(local);
    }
    expect(batchesOf(a, 'firms')).toBeGreaterThan(0);
    expect(batchesOf(b, 'firms')).toBeGreaterThan(0);
  });
});

describe('a worker killed mid-batch (SIGKILL)', () => {
  it('rank: its batch is retried by another worker, same bytes', async () => {
    const local = await rank();
    const prefix = usePrefix('kill-rank');
    // 1 s locks so the dead worker's batch is handed on quickly; 30 ms per equilibrium so a
    // batch of 20 lasts about 0.6 s and the kill lands inside one.
    const a = await workerProcess(redis.url, prefix, { lockMs: 1000, delayMs: 30 });
    let b: Promise<Proc> | undefined;
    const { ctx, out } = jsonContext(data.dir);
    const stderr = ctx.io.stderr;
    // Kill `a` once it has merged a batch (it then holds the next one).
    let killed = false;
    ctx.io.stderr.isTTY = true;
    const write = stderr.write.bind(stderr);
    stderr.write = (s: string) => {
      if (!killed && /\d+\/\d+/.test(s)) {
        killed = true;
        a.child.kill('SIGKILL');
        b = workerProcess(redis.url, prefix, { lockMs: 1000 });
      }
      return write(s);
    };
    await runRank(ctx, {
      country: 'CHN',
      restrictors: 'all',
      top: 100_000,
      redis: redis.url,
      batchSize: 20,
    });
    expect(killed).toBe(true);
    expect(await a.exited).toBe(null);
    expect(out()).toBe(local.out);
    const fresh = await b!;
    expect(batchesOf(fresh, 'rank')).toBeGreaterThan(0);
    expect(await stopWorker(fresh)).toBe(0);
  }, 120_000);
});
