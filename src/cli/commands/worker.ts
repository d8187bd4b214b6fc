/**
 * `chokepoint worker --redis URL [--concurrency N]`: serve the batches of `risk`, `rank`,
 * `plan` and `firms simulate --sweep` run with `--redis`, until SIGTERM or Ctrl-C; the batches
 * in hand are finished, then every connection is closed. docs/distributed.md explains running
 * N workers on N machines.
 */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { defaultPrefix } from '../distributed/protocol.js';
import { redactUrl } from '../distributed/redis.js';
import type { RunningWorker } from '../distributed/worker.js';
import { startWorker } from '../distributed/worker.js';
import { UsageError } from '../output.js';

export interface WorkerArgs {
  redis: string;
  concurrency?: number | undefined;
  prefix?: string | undefined;
  lockSeconds?: number | undefined;
  verbose?: boolean | undefined;
}

/** Resolves to the exit code once the worker has stopped (after `stop` resolves, in tests). */
export async function runWorkerCommand(
  ctx: Context,
  args: WorkerArgs,
  stop: Promise<unknown> = signalled(),
): Promise<number> {
  const concurrency = args.concurrency ?? 1;
  const w: RunningWorker = await startWorker({
    redis: args.redis,
    prefix: args.prefix,
    concurrency,
    lockDurationMs: args.lockSeconds !== undefined ? args.lockSeconds * 1000 : undefined,
    log: args.verbose ? (m) => ctx.err(`chokepoint worker: ${m}`) : undefined,
  });
  ctx.err(
    `chokepoint worker: serving ${redactUrl(args.redis)} (prefix ${args.prefix ?? defaultPrefix()}, ${concurrency} thread(s)); SIGTERM or Ctrl-C stops after the batches in hand`,
  );
  await stop;
  ctx.err('chokepoint worker: stopping: finishing the batches in hand');
  await w.close();
  ctx.err('chokepoint worker: stopped');
  return 0;
}

function signalled(): Promise<string> {
  return new Promise((res) => {
    const on = (s: NodeJS.Signals) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      res(s);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`expected a whole number of at least 1, not "${value}"`);
  return n;
}

export function registerWorker(
  program: Command,
  ctx: (cmd: Command) => Context,
  setCode: (code: number) => void,
): void {
  program
    .command('worker')
    .description(
      'serve the batches of risk, rank, plan and firms simulate --sweep run with --redis, until SIGTERM (docs/distributed.md)',
    )
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://host:6379')
    .option('--concurrency <n>', 'compute threads: batches at once (default 1)', count)
    .option('--prefix <name>', 'queue key prefix (default chokepoint or $CHOKEPOINT_REDIS_PREFIX)')
    .option(
      '--lock-seconds <n>',
      "a dead worker's batch is retried after this long (default 30)",
      count,
    )
    .option('--verbose', 'log each batch on stderr', false)
    .action(async (opts: WorkerArgs, cmd: Command) =>
      setCode(await runWorkerCommand(ctx(cmd), opts)),
    );
}
