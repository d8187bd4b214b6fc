/**
 * A `chokepoint worker` for bench/distributed.bench.ts, run from the sources:
 *
 *   node --import tsx bench/distributed-worker.ts URL PREFIX [THREADS]
 *
 * Prints "ready" once connected; SIGTERM finishes the batches in hand and exits.
 */
import { startWorker } from '../src/cli/distributed/worker.js';

const [url, prefix, threads] = process.argv.slice(2);
const w = await startWorker({
  redis: url!,
  prefix,
  concurrency: threads === undefined ? 1 : Number(threads),
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void w.close().then(() => process.exit(0));
});
