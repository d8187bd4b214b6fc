/** `chokepoint items [--area A]`: the items of the dataset. */
import { areaLabel, itemLabel, kindLabel, stageLabel } from '../../core/i18n/index.js';
import { itemsQuery } from '../../core/queries/index.js';
import type { Context } from '../context.js';
import { renderTable, usd } from '../output.js';

export function runItems(ctx: Context, args: { area?: string | undefined }): void {
  const rows = itemsQuery(ctx.compiled, args);
  const c = ctx.compiled;
  const item = (id: string) => c.dataset.items[c.itemIndex.get(id)!];
  ctx.emit(
    rows,
    () => rows,
    () =>
      renderTable(
        [
          { header: 'id', value: (r) => r.id },
          {
            header: ctx.t('cli.col.name'),
            value: (r) => itemLabel(ctx.lang, item(r.id), r.name),
            max: 40,
          },
          { header: ctx.t('cli.col.area'), value: (r) => areaLabel(ctx.lang, r.area) },
          { header: ctx.t('cli.col.kind'), value: (r) => kindLabel(ctx.lang, r.kind) },
          {
            header: ctx.t('cli.col.stage'),
            value: (r) => (r.stage === null ? null : stageLabel(ctx.lang, r.stage)),
            max: 24,
          },
          { header: ctx.t('cli.col.variantOf'), value: (r) => r.variantOf },
          {
            header: ctx.t('cli.col.marketSize'),
            value: (r) => usd(r.marketSizeUsd),
            align: 'right',
          },
        ],
        rows,
      ) + `\n${ctx.t('cli.items.count', { n: rows.length })}`,
  );
}
