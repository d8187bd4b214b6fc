/**
 * The worker side: a BullMQ worker that takes risk batches, loads each dataset once per
 * content hash (verified: a mismatch fails the batch with a clear message), evaluates the
 * equilibria and returns the packed outcomes.
 *
 * The equilibria are synchronous; the processor yields to the event loop between sets so the
 * job lock is renewed and a per-batch timeout is checked. `--concurrency N` runs N worker
 * threads, each with its own BullMQ worker and connections (CPU work does not overlap inside
 * one thread). Closing (SIGTERM) lets the current batch finish, then quits every connection.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  Worker as Thread,
  isMainThread,
  parentPort,
  threadId,
  workerData,
} from 'node:worker_threads';
import type { Job } from 'bullmq';
import { Worker } from 'bullmq';
import type { CompiledDataset } from '../../core/compile.js';
import { compileDataset } from '../../core/compile.js';
import { resolvePerspective } from '../../core/perspective.js';
import type { RiskContext, RunOutcome } from '../../core/risk/index.js';
import { createRiskContext, evaluateEvents } from '../../core/risk/index.js';
import { loadDataset } from '../../io/read-dataset.js';
import { canonicalJson, sha256Hex } from '../../store/hash.js';
import { BUNDLED_DATASET } from '../context.js';
import type { RiskBatchJob, RiskBatchResult } from './protocol.js';
import { DEFAULT_PREFIX, PROTOCOL, RISK_QUEUE, datasetHash, packOutcomes } from './protocol.js';
import { checkRedis, closeConnection, openConnection } from './redis.js';

export interface WorkerOptions {
  redis: string;
  prefix?: string | undefined;
  /** Worker threads (default 1: the calling thread). */
  concurrency?: number | undefined;
  /** BullMQ job lock: a dead worker's batch is handed on after about this long (default 30 s). */
  lockDurationMs?: number | undefined;
  /** How often stalled batches are looked for (default: lockDurationMs). */
  stalledIntervalMs?: number | undefined;
  /** Name shown by `queue status` (default host:pid). */
  name?: string | undefined;
  /** Testing: a pause after each equilibrium, to make a batch last. */
  delayPerItemMs?: number | undefined;
  log?: ((message: string) => void) | undefined;
}

export interface RunningWorker {
  /** Finish the current batch (or, after `graceMs`, leave it to the lock expiry) and close. */
  close(graceMs?: number): Promise<void>;
}

class DatasetMismatchError extends Error {}

/** Datasets by (path, hash), compiled once; risk contexts by (dataset, model, perspective). */
class Cache {
  private datasets = new Map<string, CompiledDataset>();
  private contexts = new Map<string, RiskContext>();
  constructor(private readonly who: string) {}

  dataset(job: RiskBatchJob): CompiledDataset {
    const path = job.dataset.bundled ? BUNDLED_DATASET : resolve(job.dataset.path);
    const key = `${job.dataset.sha256}\0${path}`;
    let c = this.datasets.get(key);
    if (!c) {
      const checked = loadDataset(path);
      const hash = datasetHash(checked.dataset);
      if (hash !== job.dataset.sha256)
        throw new DatasetMismatchError(
          `dataset mismatch on worker ${this.who}: ${path} has sha256 ${hash.slice(0, 12)}..., the batch expects ${job.dataset.sha256.slice(0, 12)}... Give every worker the same dataset files at the same path (a shared mount or a copy), or run without --redis.`,
        );
      c = compileDataset(checked.dataset);
      if (this.datasets.size >= 4) this.datasets.clear();
      this.datasets.set(key, c);
    }
    return c;
  }

  risk(job: RiskBatchJob): RiskContext {
    const key = sha256Hex(
      canonicalJson([job.dataset.sha256, job.model, job.perspective, job.reallocation ?? null]),
    );
    let ctx = this.contexts.get(key);
    if (!ctx) {
      const c = this.dataset(job);
      ctx = createRiskContext(
        c,
        job.model,
        resolvePerspective(c, job.perspective),
        job.reallocation,
      );
      if (this.contexts.size >= 16) this.contexts.clear();
      this.contexts.set(key, ctx);
    }
    return ctx;
  }
}

/** One BullMQ worker in this thread. */
export async function startRiskWorker(opts: WorkerOptions): Promise<RunningWorker> {
  if (opts.concurrency !== undefined && opts.concurrency > 1) return startThreads(opts);
  await checkRedis(
    opts.redis,
    undefined,
    'Start Redis or check the URL (the worker needs the same Redis as the command it serves).',
  );
  const name = opts.name ?? `${hostname()}:${process.pid}${isMainThread ? '' : `:${threadId}`}`;
  const log = opts.log ?? (() => undefined);
  const cache = new Cache(name);
  const conn = openConnection(opts.redis, 'worker');
  const lockDuration = opts.lockDurationMs ?? 30_000;
  const processor = async (job: Job<RiskBatchJob & { timeoutMs?: number }>) => {
    const d = job.data;
    if (d.protocol !== PROTOCOL)
      throw new Error(`batch protocol ${d.protocol} is not ${PROTOCOL}: upgrade the workers`);
    const ctx = cache.risk(d);
    const started = Date.now();
    const outcomes: RunOutcome[] = [];
    for (const item of d.items) {
      if (d.timeoutMs !== undefined && Date.now() - started > d.timeoutMs)
        throw new Error(`batch ${d.batch} timed out after ${d.timeoutMs} ms on ${name}`);
      outcomes.push(evaluateEvents(ctx, item.events));
      // Yield: lock renewal and close() need the event loop.
      await new Promise((res) => setTimeout(res, opts.delayPerItemMs ?? 0));
    }
    log(`batch ${d.run.slice(0, 8)}/${d.batch}: ${d.items.length} equilibria`);
    const result: RiskBatchResult = {
      run: d.run,
      batch: d.batch,
      indices: d.items.map((i) => i.index),
      outcomes: packOutcomes(outcomes, ctx.c.areaIds.length),
      worker: name,
    };
    return result;
  };
  const worker = new Worker(RISK_QUEUE, processor, {
    connection: conn,
    prefix: opts.prefix ?? DEFAULT_PREFIX,
    name,
    concurrency: 1,
    lockDuration,
    stalledInterval: opts.stalledIntervalMs ?? lockDuration,
    maxStalledCount: 2,
  });
  worker.on('error', (e) => log(`worker error: ${e.message}`));
  worker.on('failed', (job, e) => log(`batch ${job?.data.batch ?? '?'} failed: ${e.message}`));
  await worker.waitUntilReady();
  let closing: Promise<void> | undefined;
  return {
    close(graceMs = 60_000) {
      closing ??= (async () => {
        const timer = new Promise<void>((res) => setTimeout(res, graceMs).unref());
        // Finishes the active batch; past the grace the lock expires and another worker
        // takes the batch (force-close releases nothing we need).
        await Promise.race([worker.close(), timer.then(() => worker.close(true))]);
        await closeConnection(conn);
      })();
      return closing;
    },
  };
}

const ROLE = 'chokepoint-redis-worker';

/** N threads, each running `startRiskWorker` with concurrency 1. */
async function startThreads(opts: WorkerOptions): Promise<RunningWorker> {
  // Check once here so a bad URL is one clear error, not N.
  await checkRedis(opts.redis);
  const n = opts.concurrency ?? 1;
  const file = fileURLToPath(import.meta.url);
  const { log, ...rest } = opts;
  const threads: Thread[] = [];
  const ready: Promise<void>[] = [];
  for (let q = 0; q < n; q++) {
    const t = startThread(file, { role: ROLE, options: { ...rest, concurrency: 1 } });
    threads.push(t);
    ready.push(
      new Promise<void>((res, reject) => {
        t.on('message', (m: { ready?: boolean; log?: string; error?: string }) => {
          if (m.ready) res();
          if (m.log) log?.(m.log);
          if (m.error) reject(new Error(m.error));
        });
        t.once('error', reject);
        t.once('exit', (code) => reject(new Error(`worker thread exited with code ${code}`)));
      }),
    );
  }
  const exited = threads.map((t) => new Promise<void>((res) => t.once('exit', () => res())));
  try {
    await Promise.all(ready);
  } catch (err) {
    for (const t of threads) void t.terminate();
    throw err;
  }
  return {
    async close(graceMs) {
      for (const t of threads) t.postMessage({ close: true, graceMs });
      await Promise.all(exited);
    },
  };
}

/** A thread running this file; .ts sources load through tsx's API (as in risk-workers.ts). */
function startThread(file: string, data: unknown): Thread {
  if (!file.endsWith('.ts')) return new Thread(file, { workerData: data });
  const root = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(root, 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Thread(code, { eval: true, workerData: data });
}

async function serveThread(options: WorkerOptions): Promise<void> {
  const port = parentPort!;
  try {
    const w = await startRiskWorker({ ...options, log: (m) => port.postMessage({ log: m }) });
    port.on('message', (m: { close?: boolean; graceMs?: number }) => {
      if (m.close) void w.close(m.graceMs).then(() => port.close());
    });
    port.postMessage({ ready: true });
  } catch (err) {
    port.postMessage({ error: (err as Error).message });
    port.close();
  }
}

const data = workerData as { role?: string; options?: WorkerOptions } | null;
if (!isMainThread && data?.role === ROLE && data.options) void serveThread(data.options);
