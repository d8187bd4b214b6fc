/**
 * The producer side of every `--redis` command: enqueue a command's items in batches, follow
 * them until every batch has a result, and return the results in item order. The caller
 * assembles them with the same code as its local path, so the output is the same bytes.
 *
 * Robustness: each batch is a BullMQ job with a deterministic id (`<run>-<batch>`), a bounded
 * number of attempts and a per-batch timeout enforced by the worker. A worker that dies loses
 * its lock and BullMQ's stalled check hands the batch to another worker. A batch whose job
 * vanished (a Redis restarted without persistence) is enqueued again, and so is a batch that
 * could not be enqueued while Redis was away. Results are merged by batch index and
 * duplicates ignored, so no batch is lost or counted twice.
 *
 * One session (one Redis connection and queue) serves several runs: the planner sends a run
 * of batches for each group of evaluations it needs.
 */
import { randomUUID } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { BatchMerger } from './merge.js';
import type { AnyBatch, BatchKind, BatchResult } from './protocol.js';
import {
  BATCH_QUEUE,
  defaultPrefix,
  PROTOCOL,
  defaultBatchSize,
  splitBatches,
  unpackRows,
} from './protocol.js';
import {
  RUN_LOCALLY_HINT,
  RedisUnreachableError,
  checkRedis,
  closeConnection,
  openConnection,
} from './redis.js';

export interface RedisRunOptions {
  redis: string;
  prefix?: string | undefined;
  /** Items per batch (default: about 16 batches). */
  batchSize?: number | undefined;
  /** Attempts per batch before the run fails (default 3). */
  attempts?: number | undefined;
  /** A batch running longer than this fails its attempt (default 10 minutes). */
  batchTimeoutMs?: number | undefined;
  /** Give up when Redis stays unreachable this long during a run (default 30 s). */
  lostRedisMs?: number | undefined;
  /** Longest pause between two looks at the batches (default 200 ms; the first are shorter). */
  pollMs?: number | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Notes for stderr: no worker yet, Redis lost and back, batches enqueued again. */
  onNote?: ((message: string) => void) | undefined;
}

export class DistributedRunError extends Error {
  readonly code = 'EDISTRIBUTED';
}

/** The fields of one kind's batches beyond the header the session adds. */
export type BatchPayload<K extends BatchKind> = Omit<
  Extract<AnyBatch, { kind: K }>,
  'protocol' | 'kind' | 'run' | 'batch' | 'timeoutMs' | 'context'
>;

export interface BatchSpec<K extends BatchKind, T> {
  kind: K;
  /** Number of items. */
  total: number;
  /** Key of the context shared by every batch of the command (see BatchHeader). */
  context: string;
  /** The kind's fields for items `start..end-1`. */
  payload(start: number, end: number): BatchPayload<K>;
  /** Values per item in the worker's result. */
  stride: number;
  /** One item's result from its values. */
  decode(row: Float64Array, index: number): T;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export class BatchSession {
  private noWorkerChecked = false;
  private readonly started = Date.now();
  private merged = 0;

  private constructor(
    readonly options: RedisRunOptions,
    private readonly conn: Redis,
    private readonly queue: Queue,
  ) {}

  /** Check that Redis answers (within about 3 s, else RedisUnreachableError), then connect. */
  static async open(options: RedisRunOptions): Promise<BatchSession> {
    await checkRedis(options.redis);
    const conn = openConnection(options.redis, 'producer');
    const queue = new Queue(BATCH_QUEUE, {
      connection: conn,
      prefix: options.prefix ?? defaultPrefix(),
    });
    queue.on('error', () => undefined);
    return new BatchSession(options, conn, queue);
  }

  /** Every item's result, in item order. */
  async run<K extends BatchKind, T>(spec: BatchSpec<K, T>): Promise<T[]> {
    const o = this.options;
    const total = spec.total;
    if (total === 0) return [];
    const batches = splitBatches(total, o.batchSize ?? defaultBatchSize(total));
    const merger = new BatchMerger<T>(total, batches);
    const run = randomUUID();
    const attempts = o.attempts ?? 3;
    const timeoutMs = o.batchTimeoutMs ?? 600_000;
    const note = o.onNote ?? (() => undefined);
    const progress = spec.onProgress ?? o.onProgress;
    const idOf = (b: number) => `${run}-${b}`;
    const jobOf = (b: number) => {
      const { start, end } = batches[b]!;
      const data = {
        protocol: PROTOCOL,
        kind: spec.kind,
        run,
        batch: b,
        timeoutMs,
        context: spec.context,
        ...spec.payload(start, end),
      } as unknown as AnyBatch;
      const opts: JobsOptions = {
        jobId: idOf(b),
        attempts,
        backoff: { type: 'fixed', delay: 500 },
        removeOnComplete: { age: 3600 },
        removeOnFail: { age: 24 * 3600 },
      };
      return { name: spec.kind, data, opts };
    };

    let unsent = batches.map((_, b) => b);
    let lostSince: number | undefined;
    const maxPoll = o.pollMs ?? 200;
    const lostRedisMs = o.lostRedisMs ?? 30_000;
    let pause = Math.min(20, maxPoll);
    try {
      while (!merger.complete) {
        try {
          if (unsent.length) {
            await this.queue.addBulk(unsent.map(jobOf));
            unsent = [];
          }
          const pending = batches.map((_, b) => b).filter((b) => !merger.has(b));
          const states = await Promise.all(pending.map((b) => this.queue.getJobState(idOf(b))));
          const lost: number[] = [];
          let progressed = false;
          for (let k = 0; k < pending.length; k++) {
            const b = pending[k]!;
            const state = states[k]!;
            if (state === 'unknown') {
              lost.push(b);
            } else if (state === 'completed' || state === 'failed') {
              const job = await Job.fromId(this.queue, idOf(b));
              if (!job) {
                lost.push(b);
              } else if (state === 'completed') {
                const rv = job.returnvalue as BatchResult | null | undefined;
                if (!rv || typeof rv !== 'object' || rv.run !== run || rv.batch !== b)
                  throw new DistributedRunError(`batch ${b} came back without its result`);
                let rows: Float64Array[];
                try {
                  rows = unpackRows(rv.values, rv.count, spec.stride);
                } catch (err) {
                  throw new DistributedRunError(`batch ${b}: ${(err as Error).message}`);
                }
                if (
                  merger.add(
                    b,
                    rv.start,
                    rows.map((r, i) => spec.decode(r, rv.start + i)),
                  )
                ) {
                  progressed = true;
                  this.merged++;
                  progress?.(merger.done, total);
                }
                void job.remove().catch(() => undefined);
              } else {
                throw new DistributedRunError(
                  `batch ${b} failed after ${job.attemptsMade} attempt(s): ${job.failedReason}`,
                );
              }
            }
          }
          if (lost.length) {
            // Redis restarted without its data (or the job was removed by hand): send again.
            note(
              `${lost.length} batch(es) not found in Redis (restarted without persistence?); enqueued again`,
            );
            unsent = lost;
          }
          if (lostSince !== undefined) note('Redis is back; the run continues');
          lostSince = undefined;
          await this.checkWorkers(note);
          pause = progressed ? Math.min(20, maxPoll) : Math.min(maxPoll, Math.ceil(pause * 1.5));
        } catch (err) {
          if (err instanceof DistributedRunError) throw err;
          if (lostSince === undefined) {
            lostSince = Date.now();
            note(`lost Redis (${(err as Error).message}); retrying`);
          }
          if (Date.now() - lostSince > lostRedisMs)
            throw new RedisUnreachableError(
              o.redis,
              `lost during the run for ${Math.round(lostRedisMs / 1000)} s: ${(err as Error).message}`,
              RUN_LOCALLY_HINT,
            );
          pause = maxPoll;
        }
        // Batches lost by Redis are sent again at once; otherwise (or with Redis away) wait.
        if (!merger.complete && (unsent.length === 0 || lostSince !== undefined))
          await sleep(pause);
      }
      return merger.result();
    } finally {
      if (!merger.complete) await this.cleanup(batches.length, idOf);
    }
  }

  /** Once, after 5 s without any result: say how to start a worker when none is connected. */
  private async checkWorkers(note: (m: string) => void): Promise<void> {
    if (this.noWorkerChecked || this.merged > 0 || Date.now() - this.started < 5000) return;
    this.noWorkerChecked = true;
    if ((await this.queue.getWorkersCount()) === 0)
      note(
        `no worker is serving the queue yet: start one with \`chokepoint worker --redis ${this.options.redis}\` (or run without --redis)`,
      );
  }

  /** Remove a failed run's jobs (best effort: a job still locked by a worker expires by age). */
  private async cleanup(n: number, idOf: (b: number) => string): Promise<void> {
    try {
      await Promise.race([
        Promise.allSettled(
          Array.from({ length: n }, async (_, b) => {
            const job = await Job.fromId(this.queue, idOf(b));
            await job?.remove();
          }),
        ),
        sleep(2000),
      ]);
    } catch {
      // Redis gone: the jobs expire by age
    }
  }

  async close(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    await closeConnection(this.conn);
  }
}

/** Open a session, run `body`, close the session whatever happens. */
export async function withSession<R>(
  options: RedisRunOptions,
  body: (session: BatchSession) => Promise<R>,
): Promise<R> {
  const session = await BatchSession.open(options);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms));
}
