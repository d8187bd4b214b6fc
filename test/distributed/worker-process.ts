/**
 * A worker in a process of its own for the tests (the `chokepoint worker` command is wired in
 * src/cli/main.ts by the lead): `node --import tsx worker-process.ts URL PREFIX LOCK_MS DELAY_MS [THREADS]`.
 * Prints "ready" once connected and "batch ..." per batch; SIGTERM closes it cleanly.
 */
import { startWorker } from '../../src/cli/distributed/worker.js';

const [url, prefix, lockMs, delayMs, threads] = process.argv.slice(2);
const w = await startWorker({
  redis: url!,
  prefix,
  lockDurationMs: Number(lockMs),
  stalledIntervalMs: Math.max(250, Number(lockMs) / 2),
  delayPerItemMs: Number(delayMs),
  concurrency: threads === undefined ? 1 : Number(threads),
  log: (m) => process.stdout.write(`${m}\n`),
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void w.close().then(() => process.stdout.write('closed\n'));
});
