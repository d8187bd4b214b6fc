/** `chokepoint queue status`: workers connected and batches per state, for each queue. */
import { Queue } from 'bullmq';
import { defaultPrefix, QUEUES } from './protocol.js';
import { checkRedis, closeConnection, openConnection, redactUrl } from './redis.js';

export interface QueueStatus {
  name: string;
  workers: { name: string; addr: string; age: number }[];
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface StatusReport {
  redis: string;
  prefix: string;
  queues: QueueStatus[];
}

export async function queueStatus(url: string, prefix = defaultPrefix()): Promise<StatusReport> {
  await checkRedis(url, undefined, 'Start Redis or check the URL.');
  const conn = openConnection(url, 'producer');
  const queues: QueueStatus[] = [];
  try {
    for (const name of QUEUES) {
      const q = new Queue(name, { connection: conn, prefix });
      q.on('error', () => undefined);
      try {
        const counts = await q.getJobCounts(
          'waiting',
          'prioritized',
          'active',
          'delayed',
          'failed',
          'completed',
        );
        const workers = await q.getWorkers();
        queues.push({
          name,
          workers: workers
            .map((w) => ({
              // rawname is `<prefix>:<base64 queue>:w:<worker name>`.
              name: String(w.rawname ?? '').replace(/^.*?:w:/, ''),
              addr: String(w.addr ?? ''),
              age: Number(w.age ?? 0),
            }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
        });
      } finally {
        await q.close().catch(() => undefined);
      }
    }
  } finally {
    await closeConnection(conn);
  }
  return { redis: redactUrl(url), prefix, queues };
}
