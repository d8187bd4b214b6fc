/** `chokepoint concentration [--area A] [--by country|org]`: MODEL.md §2 per item. */
import { areaLabel } from '../../core/i18n/index.js';
import { concentrationQuery, orgConcentrationQuery } from '../../core/queries/index.js';
import type { Context } from '../context.js';
import { UsageError, pct, renderTable } from '../output.js';

export function runConcentration(
  ctx: Context,
  args: { area?: string | undefined; by: string },
): void {
  if (args.by !== 'country' && args.by !== 'org') {
    throw new UsageError(`--by must be "country" or "org", not "${args.by}"`);
  }
  if (args.by === 'org') {
    const rows = orgConcentrationQuery(ctx.compiled, args);
    ctx.emit(
      rows,
      () => rows,
      () =>
        renderTable(
          [
            { header: ctx.t('cli.col.item'), value: (r) => r.item, max: 40 },
            {
              header: ctx.t('cli.col.hhi'),
              value: (r) => (r.hhi === null ? '-' : Math.round(r.hhi)),
              align: 'right',
            },
            { header: ctx.t('cli.col.cr1'), value: (r) => pct(r.cr1), align: 'right' },
            { header: ctx.t('cli.col.cr3'), value: (r) => pct(r.cr3), align: 'right' },
            {
              header: ctx.t('cli.col.topOrganization'),
              value: (r) => (r.top ? `${r.top.name} (${r.top.country}) ${pct(r.top.share)}` : '-'),
              max: 40,
            },
            { header: ctx.t('cli.col.to75'), value: (r) => r.organizationsTo75, align: 'right' },
            {
              header: ctx.t('cli.col.unattributed'),
              value: (r) => pct(r.unattributed),
              align: 'right',
            },
          ],
          rows,
        ),
    );
    return;
  }
  const rows = concentrationQuery(ctx.compiled, args);
  ctx.emit(
    rows,
    () => rows,
    () =>
      renderTable(
        [
          { header: ctx.t('cli.col.item'), value: (r) => r.item, max: 40 },
          { header: ctx.t('cli.col.area'), value: (r) => areaLabel(ctx.lang, r.area) },
          {
            header: ctx.t('cli.col.hhi'),
            value: (r) => (r.hhi === null ? ctx.t('cli.unquantified') : Math.round(r.hhi)),
            align: 'right',
          },
          { header: ctx.t('cli.col.cr1'), value: (r) => pct(r.cr1), align: 'right' },
          { header: ctx.t('cli.col.cr3'), value: (r) => pct(r.cr3), align: 'right' },
          {
            header: ctx.t('cli.col.topSupplier'),
            value: (r) =>
              r.top
                ? `${r.top.country} ${pct(r.top.share)}`
                : r.unquantified.length
                  ? ctx.t('cli.suppliersOnly', { list: r.unquantified.join(' ') })
                  : '-',
            max: 36,
          },
          { header: ctx.t('cli.col.to75'), value: (r) => r.countriesTo75, align: 'right' },
          {
            header: ctx.t('cli.col.unattributed'),
            value: (r) => pct(r.unattributed),
            align: 'right',
          },
        ],
        rows,
      ) + `\n${ctx.t('cli.concentration.note')}`,
  );
}
