/**
 * Run tasks 0..total-1 on up to `count` worker threads, one task per thread at a time: each
 * reply stores its result and the thread takes the next task. The first error (a reply with
 * `error`, a thread error, a thread exiting early) stops every thread and rejects.
 */
import type { Worker } from 'node:worker_threads';

export interface PoolOptions<Reply extends { index: number }, R> {
  total: number;
  count: number;
  /** Start one thread. */
  spawn: () => Worker;
  /** The message that starts task `index`. */
  task: (index: number) => unknown;
  /** How errors name the threads ("risk worker"). */
  name: string;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** The result in a reply (a reply `{ index, error }` fails the run). */
  result: (reply: Reply) => R;
}

export function runTaskPool<Reply extends { index: number }, R>(
  o: PoolOptions<Reply, R>,
): Promise<R[]> {
  const results = new Array<R>(o.total);
  if (o.total === 0) return Promise.resolve(results);
  const count = Math.max(1, Math.min(o.count, o.total));
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const feed = (w: Worker) => {
      if (next < o.total) w.postMessage(o.task(next++));
    };
    for (let q = 0; q < count; q++) {
      const w = o.spawn();
      pool.push(w);
      w.on('message', (reply: Reply | { error: string }) => {
        if ('error' in reply) return finish(new Error(`${o.name}: ${reply.error}`));
        results[reply.index] = o.result(reply);
        done++;
        o.onProgress?.(done, o.total);
        if (done === o.total) finish();
        else feed(w);
      });
      w.on('error', (err) => finish(err));
      w.on('exit', (code) => {
        if (done < o.total && code !== 0) finish(new Error(`${o.name} exited with code ${code}`));
      });
      feed(w);
    }
  });
}
