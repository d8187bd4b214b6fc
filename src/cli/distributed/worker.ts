/**
 * `chokepoint worker`: one BullMQ worker on the main thread takes batches of every kind (risk,
 * rank, plan, firms) and hands each to one of N compute threads (compute.ts), N being
 * `--concurrency`. The main thread only talks to Redis, so a batch's lock is renewed however
 * long its computation runs; a batch that exceeds its timeout has its thread terminated (and
 * replaced) and fails that attempt. Closing (SIGTERM) lets the batches in hand finish, then
 * stops the threads and quits every connection.
 */
import { startModuleWorker } from '../../io/threads.js';
import { hostname } from 'node:os';
import type { Worker as Thread } from 'node:worker_threads';
import type { Job } from 'bullmq';
import { Worker } from 'bullmq';
import type { ComputeOptions, ComputeReply } from './compute.js';
import { COMPUTE_ROLE } from './compute.js';
import type { AnyBatch, BatchResult } from './protocol.js';
import { BATCH_QUEUE, defaultPrefix, PROTOCOL } from './protocol.js';
import { checkRedis, closeConnection, openConnection } from './redis.js';

export interface WorkerOptions {
  redis: string;
  prefix?: string | undefined;
  /** Compute threads, so batches in progress at once (default 1). */
  concurrency?: number | undefined;
  /** BullMQ job lock: a dead worker's batch is handed on after about this long (default 30 s). */
  lockDurationMs?: number | undefined;
  /** How often stalled batches are looked for (default: lockDurationMs). */
  stalledIntervalMs?: number | undefined;
  /** Name shown by `queue status` (default host:pid). */
  name?: string | undefined;
  /** Testing: a pause after each item, to make a batch last. */
  delayPerItemMs?: number | undefined;
  log?: ((message: string) => void) | undefined;
}

export interface RunningWorker {
  /** Finish the batches in hand (or, after `graceMs`, leave them to the lock expiry) and close. */
  close(graceMs?: number): Promise<void>;
}

/** A compute thread (compute.ts). */
function startThread(options: ComputeOptions): Thread {
  return startModuleWorker(new URL('./compute.js', import.meta.url), {
    role: COMPUTE_ROLE,
    options,
  });
}

/**
 * A compute thread with at most one batch at a time. A thread that dies after it started
 * (a crash, out of memory) fails its batch and is replaced; so is one stopped for a timeout.
 */
class ComputeSlot {
  private thread: Thread;
  private ready: Promise<void>;
  private pending:
    { id: number; resolve: (r: ComputeReply) => void; reject: (e: Error) => void } | undefined;
  private nextId = 0;
  private closing = false;

  constructor(private readonly options: ComputeOptions) {
    ({ thread: this.thread, ready: this.ready } = this.spawn());
  }

  private spawn(): { thread: Thread; ready: Promise<void> } {
    const thread = startThread(this.options);
    let started = false;
    const ready = new Promise<void>((res, reject) => {
      const died = (err: Error) => {
        reject(err);
        // Only the current thread's death matters (a replaced one is being terminated).
        if (thread !== this.thread || this.closing) return;
        const p = this.pending;
        this.pending = undefined;
        p?.reject(err);
        // Replace a thread that had worked; one that never started would fail again.
        if (started) ({ thread: this.thread, ready: this.ready } = this.spawn());
      };
      thread.on('message', (m: ComputeReply | { ready: true }) => {
        if ('ready' in m) {
          started = true;
          return res();
        }
        const p = this.pending;
        if (thread === this.thread && p && p.id === m.id) {
          this.pending = undefined;
          p.resolve(m);
        }
      });
      thread.once('error', (err) => died(err));
      thread.once('exit', (code) => died(new Error(`compute thread exited with code ${code}`)));
    });
    ready.catch(() => undefined);
    return { thread, ready };
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Compute a batch; past `timeoutMs` the thread is terminated, replaced, and this rejects. */
  async run(job: AnyBatch, timeoutMs: number): Promise<ComputeReply> {
    await this.ready;
    const id = ++this.nextId;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<ComputeReply>((resolve, reject) => {
        this.pending = { id, resolve, reject };
        timer = setTimeout(() => {
          this.pending = undefined;
          const old = this.thread;
          ({ thread: this.thread, ready: this.ready } = this.spawn());
          void old.terminate();
          reject(
            new Error(`batch ${job.batch} timed out after ${timeoutMs} ms on ${this.options.who}`),
          );
        }, timeoutMs);
        this.thread.postMessage({ id, job });
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.thread.terminate();
  }
}

/** Start a worker serving every batch kind; resolves once it is connected and its threads are up. */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  await checkRedis(
    opts.redis,
    undefined,
    'Start Redis or check the URL (the worker needs the same Redis as the command it serves).',
  );
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  const log = opts.log ?? (() => undefined);
  const n = Math.max(1, opts.concurrency ?? 1);
  const slots = Array.from(
    { length: n },
    () => new ComputeSlot({ who: name, delayPerItemMs: opts.delayPerItemMs }),
  );
  try {
    await Promise.all(slots.map((s) => s.whenReady()));
  } catch (err) {
    await Promise.all(slots.map((s) => s.close()));
    throw err;
  }
  const free = [...slots];
  const conn = openConnection(opts.redis, 'worker');
  const lockDuration = opts.lockDurationMs ?? 30_000;
  const processor = async (job: Job<AnyBatch>): Promise<BatchResult> => {
    const d = job.data;
    if (d.protocol !== PROTOCOL)
      throw new Error(
        `batch protocol ${d.protocol} is not ${PROTOCOL}: run the same chokepoint version on the workers and the command`,
      );
    // BullMQ runs at most `n` processors at once, so a slot is always free here.
    const slot = free.pop()!;
    try {
      const r = await slot.run(d, d.timeoutMs);
      if ('error' in r) throw new Error(r.error);
      log(`batch ${d.run.slice(0, 8)}/${d.batch}: ${r.count} ${d.kind} item(s)`);
      return {
        run: d.run,
        batch: d.batch,
        start: d.items[0]?.index ?? 0,
        count: r.count,
        stride: r.stride,
        values: r.values,
        worker: name,
      };
    } finally {
      free.push(slot);
    }
  };
  const worker = new Worker(BATCH_QUEUE, processor, {
    connection: conn,
    prefix: opts.prefix ?? defaultPrefix(),
    name,
    concurrency: n,
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
        // Finishes the batches in hand; past the grace their locks expire and other workers
        // take them.
        await Promise.race([worker.close(), timer.then(() => worker.close(true))]);
        await Promise.all(slots.map((s) => s.close()));
        await closeConnection(conn);
      })();
      return closing;
    },
  };
}
