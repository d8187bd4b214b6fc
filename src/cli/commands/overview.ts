/** `chokepoint overview`: per area, the perspective's share and its most concentrated gaps. */
import { areaLabel, itemLabel } from '../../core/i18n/index.js';
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
      const itemsById = new Map(c.dataset.items.map((it) => [it.id, it]));
      const who = p.isBloc ? `${p.id} (${result.members.join(', ')})` : p.id;
      const lines = [
        ctx.t('cli.overview.title', {
          p: who,
          dataset: `${meta.name ?? ctx.datasetPath}${meta.version ? ` ${meta.version}` : ''}`,
        }),
        ctx.t('cli.overview.note'),
        '',
      ];
      for (const a of result.areas) {
        lines.push(
          ctx.t(a.share === null ? 'cli.overview.areaUnknown' : 'cli.overview.area', {
            area: areaLabel(ctx.lang, a.id),
            id: a.id,
            items: a.items,
            p: p.id,
            share: pct(a.share),
            quantified: a.quantifiedItems,
            sized: a.sizedItems,
          }),
        );
        if (a.chokepoints.length === 0) {
          lines.push(`  ${ctx.t('cli.overview.none', { p: p.id })}`, '');
          continue;
        }
        lines.push(
          renderTable(
            [
              {
                header: ctx.t('cli.col.item'),
                value: (r) => itemLabel(ctx.lang, itemsById.get(r.item), r.name),
                max: 44,
              },
              {
                header: ctx.t('cli.col.topSupplier'),
                value: (r) => (r.top ? `${r.top.country} ${pct(r.top.share)}` : '-'),
              },
              {
                header: 'HHI',
                value: (r) => (r.hhi === null ? '-' : Math.round(r.hhi)),
                align: 'right',
              },
              {
                header: ctx.t('cli.col.pShare', { p: p.id }),
                value: (r) =>
                  r.domesticUnknown
                    ? r.domestic > 0
                      ? `${pct(r.domestic)}+?`
                      : ctx.t('common.unknown')
                    : pct(r.domestic),
                align: 'right',
              },
              { header: ctx.t('cli.col.sources'), value: (r) => r.sources.join(', '), max: 48 },
            ],
            a.chokepoints,
            { indent: '  ' },
          ),
          '',
        );
      }
      lines.push(ctx.t('cli.overview.footer', { p: p.id }));
      return lines.join('\n');
    },
  );
}
