/** `chokepoint rank --country M`: which single items, withheld by whom, cost M the most. */
import { resolvePerspective } from '../../core/perspective.js';
import { rankQuery } from '../../core/queries/index.js';
import type { Context } from '../context.js';
import { pct, renderTable, usd } from '../output.js';
import { parseReallocation } from './simulate.js';
import { saveRun } from './store-commands.js';

export interface RankArgs {
  save?: boolean | undefined;
  country: string;
  restrictors: string;
  top: number;
  reallocation?: string | undefined;
}

export async function runRank(ctx: Context, args: RankArgs): Promise<void> {
  const startedAt = new Date();
  const c = ctx.compiled;
  const p = resolvePerspective(c, args.country);
  const tty = ctx.io.stderr.isTTY === true;
  const started = Date.now();
  const { rows: json, result } = rankQuery(c, {
    country: args.country,
    restrictors: args.restrictors === 'all' ? 'all' : args.restrictors.split(',').filter(Boolean),
    top: args.top,
    reallocation: parseReallocation(args.reallocation) ?? 'market',
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
        `Chokepoints for ${p.id}: production value lost when one restrictor withholds one item (severity 1), ${usd(result.baselineValue)} baseline`,
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
