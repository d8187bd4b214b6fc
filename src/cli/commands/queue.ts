/** `chokepoint queue status --redis URL`: workers, and batches waiting, running and failed. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { StatusReport } from '../distributed/status.js';
import { queueStatus } from '../distributed/status.js';
import { renderTable } from '../output.js';

export async function runQueueStatus(
  ctx: Context,
  args: { redis: string; prefix?: string | undefined },
): Promise<number> {
  const report = await queueStatus(args.redis, args.prefix);
  ctx.emit(
    report,
    () => report.queues.map(({ workers, ...q }) => ({ ...q, workers: workers.length })),
    () => statusTable(ctx, report),
  );
  return 0;
}

function statusTable(ctx: Context, r: StatusReport): string {
  const lines = [ctx.t('cli.queue.head', { redis: r.redis, prefix: r.prefix }), ''];
  lines.push(
    renderTable(
      [
        { header: ctx.t('cli.col.queue'), value: (q) => q.name },
        { header: ctx.t('cli.col.workers'), value: (q) => q.workers.length, align: 'right' },
        { header: ctx.t('cli.col.waiting'), value: (q) => q.waiting, align: 'right' },
        { header: ctx.t('cli.col.running'), value: (q) => q.active, align: 'right' },
        { header: ctx.t('cli.col.retrying'), value: (q) => q.delayed, align: 'right' },
        { header: ctx.t('cli.col.failed'), value: (q) => q.failed, align: 'right' },
        { header: ctx.t('cli.col.completed'), value: (q) => q.completed, align: 'right' },
      ],
      r.queues,
    ),
  );
  const workers = r.queues.flatMap((q) => q.workers.map((w) => ({ queue: q.name, ...w })));
  if (workers.length) {
    lines.push('', ctx.t('cli.queue.workers'));
    lines.push(
      renderTable(
        [
          { header: ctx.t('cli.col.queue'), value: (w) => w.queue },
          { header: ctx.t('cli.col.name'), value: (w) => w.name },
          { header: ctx.t('cli.col.address'), value: (w) => w.addr },
          { header: ctx.t('cli.col.connected'), value: (w) => w.age, align: 'right' },
        ],
        workers,
      ),
    );
  }
  return lines.join('\n');
}

export function registerQueue(
  program: Command,
  ctx: (cmd: Command) => Context,
  setCode: (code: number) => void,
): void {
  const queue = program.command('queue').description('the Redis job queues of --redis runs');
  queue
    .command('status')
    .description('workers connected, and batches waiting, running, retrying and failed')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://host:6379')
    .option('--prefix <name>', 'queue key prefix (default chokepoint or $CHOKEPOINT_REDIS_PREFIX)')
    .action(async (opts: { redis: string; prefix?: string }, cmd: Command) =>
      setCode(await runQueueStatus(ctx(cmd), opts)),
    );
}
