/** `chokepoint overview`: per area, the perspective's share and its most concentrated gaps. */
import { areaName } from '../../core/dataset.js';
import { overview } from '../../core/overview.js';
import { resolvePerspective } from '../../core/perspective.js';
import type { Context } from '../context.js';
import { pct, renderTable } from '../output.js';

export interface OverviewArgs {
  country: string;
  top: number;
}

export function runOverview(ctx: Context, args: OverviewArgs): void {
  const c = ctx.compiled;
  const p = resolvePerspective(c, args.country);
  const result = overview(c, p, { top: args.top });
  const meta = ctx.load().checked.dataset.meta;
  ctx.emit(
    { dataset: { name: meta.name ?? null, version: meta.version ?? null }, ...result },
    () =>
      result.areas.flatMap((a) =>
        a.chokepoints.map((r) => ({
          area: a.id,
          areaShare: a.share,
          item: r.item,
          name: r.name,
          hhi: r.hhi,
          top: r.top,
          domestic: r.domestic,
          sources: r.sources,
        })),
      ),
    () => {
      const who = p.isBloc ? `${p.id} (${result.members.join(', ')})` : p.id;
      const lines = [
        `Chokepoint overview for ${who}: dataset ${meta.name ?? ctx.datasetPath}${meta.version ? ` ${meta.version}` : ''}`,
        `Shares are of world supply; an area's share is weighted by market size (MODEL.md §2).`,
        '',
      ];
      for (const a of result.areas) {
        lines.push(
          `${areaName(a.id)} [${a.id}]: ${a.items} items; ` +
            (a.share === null
              ? `${p.id}'s share unknown (no item has a quantified share)`
              : `${p.id} holds ${pct(a.share)} by value`) +
            ` (${a.quantifiedItems} items quantified, ${a.sizedItems} with market size)`,
        );
        if (a.chokepoints.length === 0) {
          lines.push(`  no quantified item here that ${p.id} does not control`, '');
          continue;
        }
        lines.push(
          renderTable(
            [
              { header: 'item', value: (r) => r.name, max: 44 },
              {
                header: 'top supplier',
                value: (r) => (r.top ? `${r.top.country} ${pct(r.top.share)}` : '-'),
              },
              {
                header: 'HHI',
                value: (r) => (r.hhi === null ? '-' : Math.round(r.hhi)),
                align: 'right',
              },
              {
                header: `${p.id} share`,
                value: (r) =>
                  r.domesticUnknown
                    ? r.domestic > 0
                      ? `${pct(r.domestic)}+?`
                      : 'unknown'
                    : pct(r.domestic),
                align: 'right',
              },
              { header: 'sources', value: (r) => r.sources.join(', '), max: 48 },
            ],
            a.chokepoints,
            { indent: '  ' },
          ),
          '',
        );
      }
      lines.push(
        `Items listed: the most concentrated (HHI) items where ${p.id} holds under 50%. ` +
          'Details and sources: chokepoint show ITEM.',
      );
      return lines.join('\n');
    },
  );
}
