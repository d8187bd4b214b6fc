/**
 * `chokepoint rank --country M`: which single items, withheld by whom, cost M the most. With
 * `--redis URL` the equilibria are solved by `chokepoint worker` processes (docs/distributed.md)
 * and the output is the same bytes.
 */
import type { Reallocation } from '../../core/equilibrium/scenario-diff.js';
import { resolvePerspective } from '../../core/perspective.js';
import type { RankAnswerRow } from '../../core/queries/index.js';
import { pickRestrictors, rankQuery } from '../../core/queries/index.js';
import type { RankResult } from '../../core/rank.js';
import type { Context } from '../context.js';
import { BUNDLED_DATASET } from '../context.js';
import { datasetRef } from '../distributed/client.js';
import { rankInRedis } from '../distributed/rank.js';
import { pct, renderTable, usd } from '../output.js';
import { progressBar } from './risk.js';
import { parseReallocation } from './simulate.js';
import { saveRun } from './store-commands.js';

export interface RankArgs {
  save?: boolean | undefined;
  country: string;
  restrictors: string;
  top: number;
  reallocation?: string | undefined;
  /** Redis URL: solve the equilibria on `chokepoint worker` processes (docs/distributed.md). */
  redis?: string | undefined;
  /** Runs per batch with --redis (default: about 16 batches). */
  batchSize?: number | undefined;
}

/** `rankQuery`'s answer with the equilibria solved on the workers behind `redis`. */
async function rankOverRedis(
  ctx: Context,
  args: RankArgs & { redis: string },
  restrictorNames: 'all' | readonly string[],
  reallocation: Reallocation,
): Promise<{ rows: RankAnswerRow[]; result: RankResult }> {
  const c = ctx.compiled;
  const p = resolvePerspective(c, args.country);
  const restrictors = pickRestrictors(c, p, restrictorNames);
  const outcomes = await rankInRedis(
    c,
    datasetRef(c.dataset, ctx.load().checked.path, ctx.datasetPath === BUNDLED_DATASET),
    p,
    restrictors,
    reallocation,
    {
      redis: args.redis,
      batchSize: args.batchSize,
      onProgress: progressBar(ctx, 'rank: equilibria on the workers'),
      onNote: (m) => ctx.err(`chokepoint: ${m}`),
    },
  );
  return rankQuery(c, {
    country: args.country,
    restrictors: restrictorNames,
    top: args.top,
    reallocation,
    outcomes,
  });
}

export async function runRank(ctx: Context, args: RankArgs): Promise<void> {
  const startedAt = new Date();
  const c = ctx.compiled;
  const p = resolvePerspective(c, args.country);
  const tty = ctx.io.stderr.isTTY === true;
  const started = Date.now();
  const restrictorNames =
    args.restrictors === 'all' ? 'all' : args.restrictors.split(',').filter(Boolean);
  const reallocation = parseReallocation(args.reallocation) ?? 'market';
  const redis = args.redis;
  const { rows: json, result } = redis
    ? await rankOverRedis(ctx, { ...args, redis }, restrictorNames, reallocation)
    : rankQuery(c, {
        country: args.country,
        restrictors: restrictorNames,
        top: args.top,
        reallocation,
        onProgress: tty
          ? (done, total) => {
              if (done % 20 === 0 || done === total) {
                ctx.io.stderr.write(
                  `\rrank: ${done}/${total} scenarios (${((Date.now() - started) / 1000).toFixed(1)} s)`,
                );
                if (done === total) ctx.io.stderr.write('\n');
              }
            }
          : undefined,
      });
  if (result.notConverged)
    ctx.err(`chokepoint: warning: ${result.notConverged} run(s) did not converge`);
  ctx.emit(
    json,
    () => json,
    () =>
      [
        ctx.t('cli.rank.head', { p: p.id, base: usd(result.baselineValue) }),
        renderTable(
          [
            { header: ctx.t('cli.col.item'), value: (r) => r.item, max: 40 },
            { header: ctx.t('cli.col.restrictor'), value: (r) => r.restrictor, max: 30 },
            { header: ctx.t('cli.col.controls'), value: (r) => pct(r.controlled), align: 'right' },
            {
              header: ctx.t('cli.col.valueAtRisk'),
              value: (r) => usd(r.valueAtRisk),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.ofOutput'),
              value: (r) => pct(r.shareOfProduction, 2),
              align: 'right',
            },
            {
              header: ctx.t('cli.col.decoupling'),
              value: (r) => usd(r.fullDecouplingValueAtRisk),
              align: 'right',
            },
          ],
          json,
        ),
      ].join('\n'),
  );
  if (args.save) {
    await saveRun(ctx, {
      kind: 'rank',
      inputs: {
        country: args.country,
        restrictors: args.restrictors,
        top: args.top,
        reallocation: args.reallocation,
      },
      results: json,
      startedAt,
    });
  }
}
