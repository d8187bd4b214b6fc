/**
 * The producer side of `risk --redis`: enqueue the distinct sets of events in batches, follow
 * them until every batch has a result, and return the outcomes in set order, as
 * `evaluateInWorkers` does for threads; the caller aggregates in run order, so the report is
 * the same bytes as a local run.
 *
 * Robustness: each batch is a BullMQ job with a deterministic id (`<run>-<batch>`), a bounded
 * number of attempts and a per-batch timeout enforced by the worker. A worker that dies loses
 * its lock and BullMQ's stalled check hands the batch to another worker; a batch whose job
 * vanished (a Redis restart without persistence) is enqueued again. Results are merged by
 * batch index and duplicates ignored, so no batch is lost or counted twice.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Job, Queue } from 'bullmq';
import type { Dataset } from '../../core/dataset.js';
import type { RiskModel, RunOutcome } from '../../core/risk/index.js';
import type { Reallocation } from '../../core/scenario.js';
import { BatchMerger } from './merge.js';
import type { RiskBatchJob, RiskBatchResult } from './protocol.js';
import {
  DEFAULT_PREFIX,
  PROTOCOL,
  RISK_QUEUE,
  datasetHash,
  defaultBatchSize,
  splitBatches,
  unpackOutcomes,
} from './protocol.js';
import {
  RUN_LOCALLY_HINT,
  RedisUnreachableError,
  checkRedis,
  closeConnection,
  openConnection,
} from './redis.js';

export interface RedisRiskSetup {
  dataset: Dataset;
  /** Where the producer read the dataset (resolved to an absolute path). */
  datasetPath: string;
  /** True for the bundled dataset: each worker then uses its own bundled copy. */
  bundled: boolean;
  model: RiskModel;
  perspective: string;
  reallocation?: Reallocation | undefined;
  /** Number of areas in the compiled dataset (`c.areaIds.length`). */
  nAreas: number;
}

export interface RedisRunOptions {
  redis: string;
  prefix?: string | undefined;
  /** Distinct sets per batch (default: about 16 batches). */
  batchSize?: number | undefined;
  /** Attempts per batch before the run fails (default 3). */
  attempts?: number | undefined;
  /** A batch running longer than this fails its attempt (default 10 minutes). */
  batchTimeoutMs?: number | undefined;
  /** Give up when Redis stays unreachable this long during a run (default 30 s). */
  lostRedisMs?: number | undefined;
  /** Poll interval (default 200 ms). */
  pollMs?: number | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Notes for stderr: no worker yet, Redis lost and back. */
  onNote?: ((message: string) => void) | undefined;
}

export class DistributedRunError extends Error {
  readonly code = 'EDISTRIBUTED';
}

/** Evaluate each set of events in `subsets` on the workers behind `options.redis`. */
export async function evaluateInRedis(
  setup: RedisRiskSetup,
  subsets: readonly (readonly number[])[],
  options: RedisRunOptions,
): Promise<RunOutcome[]> {
  await checkRedis(options.redis);
  const total = subsets.length;
  if (total === 0) return [];
  const batches = splitBatches(total, options.batchSize ?? defaultBatchSize(total));
  const merger = new BatchMerger(total, batches);
  const run = randomUUID();
  const attempts = options.attempts ?? 3;
  const sha256 = datasetHash(setup.dataset);
  const note = options.onNote ?? (() => undefined);
  const jobOf = (b: number) => {
    const { start, end } = batches[b]!;
    const data: RiskBatchJob & { timeoutMs: number } = {
      protocol: PROTOCOL,
      run,
      batch: b,
      dataset: { path: resolve(setup.datasetPath), bundled: setup.bundled, sha256 },
      model: setup.model,
      perspective: setup.perspective,
      reallocation: setup.reallocation,
      items: subsets
        .slice(start, end)
        .map((events, k) => ({ index: start + k, events: [...events] })),
      timeoutMs: options.batchTimeoutMs ?? 600_000,
    };
    return {
      name: 'risk',
      data,
      opts: {
        jobId: `${run}-${b}`,
        attempts,
        backoff: { type: 'fixed', delay: 500 },
        removeOnComplete: { age: 3600 },
        removeOnFail: { age: 24 * 3600 },
      },
    };
  };

  const conn = openConnection(options.redis, 'producer');
  const queue = new Queue(RISK_QUEUE, {
    connection: conn,
    prefix: options.prefix ?? DEFAULT_PREFIX,
  });
  queue.on('error', () => undefined);
  try {
    await queue.addBulk(batches.map((_, b) => jobOf(b)));
    const started = Date.now();
    let lostSince: number | undefined;
    let warnedNoWorker = false;
    const pollMs = options.pollMs ?? 200;
    const lostRedisMs = options.lostRedisMs ?? 30_000;
    while (!merger.complete) {
      await sleep(pollMs);
      try {
        const pending = batches.map((_, b) => b).filter((b) => !merger.has(b));
        const jobs = await Promise.all(pending.map((b) => Job.fromId(queue, `${run}-${b}`)));
        for (let k = 0; k < pending.length; k++) {
          const b = pending[k]!;
          const job = jobs[k];
          if (!job) {
            // The job vanished (Redis restarted without its data): enqueue it again.
            note(`batch ${b} was lost by Redis; enqueued again`);
            await queue.addBulk([jobOf(b)]);
            continue;
          }
          const rv = job.returnvalue as RiskBatchResult | null | undefined;
          if (job.finishedOn && rv && typeof rv === 'object' && rv.run === run) {
            const outcomes = unpackOutcomes(rv.outcomes, rv.indices.length, setup.nAreas);
            if (merger.add(b, rv.indices, outcomes)) options.onProgress?.(merger.done, total);
          } else if (job.finishedOn && (await job.getState()) === 'failed') {
            throw new DistributedRunError(
              `batch ${b} failed after ${job.attemptsMade} attempt(s): ${job.failedReason}`,
            );
          }
        }
        if (lostSince !== undefined) note('Redis is back; the run continues');
        lostSince = undefined;
        if (!warnedNoWorker && merger.done === 0 && Date.now() - started > 5000) {
          if ((await queue.getWorkersCount()) === 0) {
            warnedNoWorker = true;
            note(
              `no worker is serving the queue yet: start one with \`chokepoint worker --redis ${options.redis}\` (or run without --redis)`,
            );
          }
        }
      } catch (err) {
        if (err instanceof DistributedRunError) throw err;
        if (lostSince === undefined) {
          lostSince = Date.now();
          note(`lost Redis (${(err as Error).message}); retrying`);
        }
        if (Date.now() - lostSince > lostRedisMs)
          throw new RedisUnreachableError(
            options.redis,
            `lost during the run for ${Math.round(lostRedisMs / 1000)} s: ${(err as Error).message}`,
            RUN_LOCALLY_HINT,
          );
      }
    }
    return merger.result();
  } finally {
    await cleanup(queue, run, batches.length);
    await queue.close().catch(() => undefined);
    await closeConnection(conn);
  }
}

/** Remove the run's jobs (best effort: a job still locked by a worker expires by age). */
async function cleanup(queue: Queue, run: string, n: number): Promise<void> {
  try {
    await Promise.race([
      Promise.allSettled(
        Array.from({ length: n }, async (_, b) => {
          const job = await Job.fromId(queue, `${run}-${b}`);
          await job?.remove();
        }),
      ),
      sleep(2000),
    ]);
  } catch {
    // Redis gone: the jobs expire by age
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms));
}
