/** `chokepoint rank --country M`: which single items, withheld by whom, cost M the most. */
import { UnknownNameError, resolvePerspective } from '../../core/perspective.js';
import type { Restrictor } from '../../core/rank.js';
import { defaultRestrictors, rankChokepoints } from '../../core/rank.js';
import { closestNames } from '../../core/suggest.js';
import type { Context } from '../context.js';
import { pct, renderTable, usd } from '../output.js';
import { parseReallocation } from './simulate.js';

export interface RankArgs {
  country: string;
  restrictors: string;
  top: number;
  reallocation?: string | undefined;
}

export function runRank(ctx: Context, args: RankArgs): void {
  const c = ctx.compiled;
  const p = resolvePerspective(c, args.country);
  const all = defaultRestrictors(c, p);
  let restrictors: Restrictor[] = all;
  if (args.restrictors !== 'all') {
    restrictors = args.restrictors
      .split(',')
      .filter(Boolean)
      .map((name) => {
        const hit = all.find((r) => r.id === name || r.id === name.toUpperCase());
        if (!hit)
          throw new UnknownNameError(
            'country or bloc',
            name,
            closestNames(
              name,
              all.map((r) => r.id),
            ),
          );
        return hit;
      });
  }
  const tty = ctx.io.stderr.isTTY === true;
  const started = Date.now();
  const result = rankChokepoints(c, p, restrictors, {
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
  const rows = result.rows.slice(0, args.top);
  const json = rows.map((r) => ({
    item: r.item,
    restrictor: r.restrictor,
    valueAtRisk: r.valueAtRisk,
    capabilityIndex: r.capabilityIndex,
    shareOfProduction: r.shareOfProduction,
    controlled: r.controlled,
    fullDecouplingValueAtRisk: result.decoupling.find((d) => d.item === r.item)!.valueAtRisk,
  }));
  ctx.emit(
    json,
    () => json,
    () =>
      [
        `Chokepoints for ${p.id}: production value lost when one restrictor withholds one item (severity 1), ${usd(result.baselineValue)} baseline`,
        renderTable(
          [
            { header: 'item', value: (r) => r.item, max: 40 },
            { header: 'restrictor', value: (r) => r.restrictor, max: 30 },
            { header: 'controls', value: (r) => pct(r.controlled), align: 'right' },
            { header: 'value at risk', value: (r) => usd(r.valueAtRisk), align: 'right' },
            { header: 'of output', value: (r) => pct(r.shareOfProduction, 2), align: 'right' },
            {
              header: 'full decoupling',
              value: (r) => usd(r.fullDecouplingValueAtRisk),
              align: 'right',
            },
          ],
          json,
        ),
      ].join('\n'),
  );
}
