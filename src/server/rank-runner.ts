/**
 * Runs rankings for the API: in a worker thread by default (rank-worker.ts), one at a time,
 * with the answers cached per query (the dataset never changes while the server runs).
 * `inline: true` runs on the calling thread (for tests and tiny datasets).
 */
import { startModuleWorker } from '../io/threads.js';
import type { Worker } from 'node:worker_threads';
import type { CompiledDataset } from '../core/compile.js';
import type { RankAnswerRow, RankQuery } from '../core/queries/index.js';
import { rankQuery } from '../core/queries/index.js';
import type { RankReply, RankRequest } from './rank-worker.js';

type Query = Omit<RankQuery, 'onProgress'>;

/** Rankings kept per query; each is small (at most `top` rows). */
const CACHE_SIZE = 64;

export class RankRunner {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (rows: RankAnswerRow[]) => void; reject: (e: Error) => void }
  >();
  private readonly cache = new Map<string, Promise<RankAnswerRow[]>>();

  constructor(
    private readonly compiled: CompiledDataset,
    private readonly inline = false,
  ) {}

  run(query: Query): Promise<RankAnswerRow[]> {
    const key = JSON.stringify(query);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const p = this.inline
      ? Promise.resolve().then(() => rankQuery(this.compiled, query).rows)
      : this.send(query);
    // A failed run is not cached: the next request tries again.
    p.catch(() => this.cache.delete(key));
    this.cache.set(key, p);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return p;
  }

  private send(query: Query): Promise<RankAnswerRow[]> {
    const w = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ id, query } satisfies RankRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = startModuleWorker(new URL('./rank-worker.js', import.meta.url), {
      dataset: this.compiled.dataset,
    });
    w.unref();
    w.on('message', (reply: RankReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      // An idle worker must not keep the process alive.
      if (this.pending.size === 0) w.unref();
      if ('error' in reply) job.reject(new Error(`rank failed: ${reply.error}`));
      else job.resolve(reply.rows);
    });
    const fail = (err: Error) => {
      for (const job of this.pending.values()) job.reject(err);
      this.pending.clear();
      this.worker = undefined;
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (this.worker === w) fail(new Error(`rank worker exited with code ${code}`));
    });
    this.worker = w;
    return w;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
